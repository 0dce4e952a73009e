package io.github.grpcops.requestlog.actuate;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.requestlog.RequestLogColumn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views of logged calls derive from the row's definition ({@link RequestLogColumn}): a call in full
 * shows every column under its property name, the list a part of them; a column added to the row and
 * not to the full view fails here.
 */
class RequestLogViewsTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void callInFullShowsEveryColumnOfTheRow() throws Exception {
        GrpcRequestLog row = emptyRow();
        assertThat(keys(RequestLogViews.CallDetail.of(row, null)))
            .containsExactlyInAnyOrderElementsOf(Arrays.stream(RequestLogColumn.values())
                .map(RequestLogColumn::property)
                .toList());
        assertThat(keys(RequestLogViews.CallDetail.of(row, List.of(UUID.randomUUID())))).endsWith("sameRequestId");
    }

    @Test
    void listedCallShowsOnlyColumnsOfTheRow() throws Exception {
        assertThat(keys(RequestLogViews.Call.of(emptyRow())))
            .isSubsetOf(Arrays.stream(RequestLogColumn.values()).map(RequestLogColumn::property).toList())
            .doesNotContain(RequestLogColumn.REQUEST_PAYLOAD.property(), RequestLogColumn.RESPONSE_PAYLOAD.property());
    }

    private List<String> keys(Object view) throws Exception {
        List<String> keys = new ArrayList<>();
        JsonNode written = this.json.readTree(this.json.writeValueAsString(view));
        written.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** A row as JPA would create it before filling it in. */
    private static GrpcRequestLog emptyRow() throws Exception {
        Constructor<GrpcRequestLog> constructor = GrpcRequestLog.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }
}
