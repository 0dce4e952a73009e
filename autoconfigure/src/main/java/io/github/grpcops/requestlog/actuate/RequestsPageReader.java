package io.github.grpcops.requestlog.actuate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.requestlog.GrpcRequestLogRepository;
import io.github.grpcops.requestlog.actuate.RequestLogViews.RequestsPage;

import org.springframework.data.domain.Slice;

/**
 * Reads one page of {@code /requests} with statements whose cost does not grow with the log: the page's
 * rows from the {@code created_at} index (at an offset below {@value RequestLogQuery#REACH} or at a
 * cursor), one row more to know whether older calls follow, and a total that stops counting at
 * {@value RequestLogQuery#REACH}, skipped when the rows already tell it.
 */
final class RequestsPageReader {

    private final GrpcRequestLogRepository repository;

    RequestsPageReader(GrpcRequestLogRepository repository) {
        this.repository = repository;
    }

    RequestsPage read(RequestLogQuery query) {
        Slice<GrpcRequestLog> slice = this.repository.findBy(query.pageSpecification(),
                rows -> rows.slice(query.pageable()));
        List<GrpcRequestLog> rows = new ArrayList<>(slice.getContent());
        if (query.backwards()) {
            Collections.reverse(rows);
        }
        // Rows lie on the side the page was read towards when the slice has more, and on the other
        // side when the page did not start at the newest call.
        boolean more = slice.hasNext();
        boolean passed = query.startsPastNewest();
        String older = rows.isEmpty() || !(query.backwards() ? passed : more) ? null
                : RequestLogCursor.of(rows.get(rows.size() - 1)).toString();
        String newer = rows.isEmpty() || !(query.backwards() ? more : passed) ? null
                : RequestLogCursor.of(rows.get(0)).toString();
        long total;
        boolean exact;
        if (!passed && !more) {
            total = rows.size();
            exact = true;
        }
        else {
            long counted = this.repository.countUpTo(query.specification(), RequestLogQuery.REACH + 1L);
            exact = counted <= RequestLogQuery.REACH;
            total = Math.min(counted, RequestLogQuery.REACH);
        }
        int totalPages = (int) ((total + query.size() - 1) / query.size());
        return new RequestsPage(query.page(), query.size(), total, exact, totalPages, older, newer,
                rows.stream().map(RequestLogViews.Call::of).toList());
    }
}
