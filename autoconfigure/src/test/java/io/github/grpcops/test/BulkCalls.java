package io.github.grpcops.test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many request-log rows at once, written straight into {@code grpc_request_log} (no rollups) for tests
 * of paging and totals: unary calls of {@code <service>/Call} with request ids {@code bulk-0} (the newest,
 * started at {@code newest}) to {@code bulk-<count - 1>}, each {@code apart} older than the one before;
 * every thousandth ({@code bulk-0}, {@code bulk-1000}, ...) failed.
 */
public final class BulkCalls {

    private BulkCalls() {
    }

    public static void insert(DataSource dataSource, String service, int count, Instant newest, Duration apart) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Timestamp start = Timestamp.from(newest.minus(apart.multipliedBy(i)));
            rows.add(new Object[] { UUID.randomUUID(), "bulk-" + i, service, service + "/Call",
                    (i % 1000 == 0) ? "error" : "success", start, start });
        }
        new JdbcTemplate(dataSource).batchUpdate("insert into grpc_request_log (id, request_id, service, method, "
                + "full_method, call_type, status, grpc_status, duration_ms, messages_in, bytes_in, messages_out, "
                + "bytes_out, authenticated, created_at, completed_at) values (?, ?, ?, 'Call', ?, 'UNARY', ?, 'OK', "
                + "1, 1, 1, 1, 1, false, ?, ?)", rows);
    }
}
