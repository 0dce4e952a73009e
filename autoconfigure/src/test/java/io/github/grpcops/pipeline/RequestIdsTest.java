package io.github.grpcops.pipeline;

import java.util.UUID;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void keepsASaneCallerId() {
        Metadata headers = headers("trace-42:abc/DEF+=@_.");
        assertThat(RequestIds.resolve(headers)).isEqualTo("trace-42:abc/DEF+=@_.");
    }

    @Test
    void generatesAUuidWhenMissingAndWritesItBackSoEveryResolverAgrees() {
        Metadata headers = new Metadata();
        String first = RequestIds.resolve(headers);
        assertThat(UUID.fromString(first)).isNotNull();
        assertThat(RequestIds.resolve(headers)).isEqualTo(first);
        assertThat(headers.get(RequestIds.HEADER)).isEqualTo(first);
    }

    @Test
    void generatedIdsAreTimeOrderedUuidsSoAnIndexOnThemAppends() throws InterruptedException {
        UUID earlier = UUID.fromString(RequestIds.resolve(new Metadata()));
        Thread.sleep(2);
        UUID later = UUID.fromString(RequestIds.resolve(new Metadata()));
        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(later.toString()).isGreaterThan(earlier.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "has space", "semi;colon", "quote\"", "tab\there", "new\nline", "ünïcode", "" })
    void replacesUnsafeIds(String unsafe) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), unsafe);
        String resolved = RequestIds.resolve(headers);
        assertThat(resolved).isNotEqualTo(unsafe);
        assertThat(UUID.fromString(resolved)).isNotNull();
    }

    @Test
    void replacesIdsLongerThanTheLimit() {
        assertThat(RequestIds.resolve(headers("a".repeat(RequestIds.MAX_LENGTH)))).hasSize(RequestIds.MAX_LENGTH);
        assertThat(RequestIds.resolve(headers("a".repeat(RequestIds.MAX_LENGTH + 1)))).hasSize(36);
    }

    @Test
    void twoDifferentIdsAreAmbiguousAndReplaced() {
        Metadata headers = headers("one");
        headers.put(RequestIds.HEADER, "two");
        String resolved = RequestIds.resolve(headers);
        assertThat(resolved).isNotIn("one", "two");
        assertThat(headers.getAll(RequestIds.HEADER)).containsExactly(resolved);
    }

    private static Metadata headers(String id) {
        Metadata headers = new Metadata();
        headers.put(RequestIds.HEADER, id);
        return headers;
    }
}
