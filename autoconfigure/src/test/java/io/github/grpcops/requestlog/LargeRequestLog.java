package io.github.grpcops.requestlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.jdbc.GrpcSchemaVariant;
import io.github.grpcops.jdbc.SchemaTables;
import io.github.grpcops.requestlog.rollup.CallFigures;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import io.github.grpcops.requestlog.rollup.RollupAccumulator;
import io.github.grpcops.test.postgres.TestPostgres;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A PostgreSQL request log of millions of generated calls for the benchmarks and plans at scale
 * ({@link RequestStatsBenchmark}, {@code ConsolePlansAtScale}): grpc-ops' own tables in a schema of
 * their own, rows written with {@code generate_series}, and their rollups through the real
 * {@link RequestStatsTable}.
 */
final class LargeRequestLog {

    /** The secondary indexes of the plain script, built after the load (faster than row by row). */
    static final List<String> INDEXES = List.of(
            "grpc_request_log_created_idx on grpc_request_log (created_at desc)",
            "grpc_request_log_method_idx on grpc_request_log (service, method, created_at)",
            "grpc_request_log_status_idx on grpc_request_log (status, created_at)",
            "grpc_request_log_request_id_idx on grpc_request_log (request_id)");

    private LargeRequestLog() {
    }

    /**
     * A pool on an empty schema {@code schema} of the tests' PostgreSQL ({@code GRPC_OPS_TEST_POSTGRES_URL}
     * or the embedded one), dropped and created first.
     */
    static HikariDataSource dataSource(String schema) throws Exception {
        TestPostgres.Server server = TestPostgres.server();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(SchemaTables.emptyPostgresSchema(schema));
        dataSource.setUsername(server.username());
        dataSource.setPassword(server.password());
        dataSource.setMaximumPoolSize(4);
        return dataSource;
    }

    /** grpc-ops' tables (and the given variants) from its own scripts. */
    static void createTables(HikariDataSource dataSource, List<GrpcSchemaVariant> variants) {
        GrpcJdbcProperties jdbc = new GrpcJdbcProperties();
        jdbc.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
        jdbc.setPlatform("postgresql");
        new GrpcOpsSchemaInitializer(dataSource, jdbc, variants).initializeDatabase();
    }

    /** {@code rows} calls from {@code from} to {@code to} into the plain table, indexes built after, analyzed. */
    static void load(JdbcTemplate sql, long rows, Instant from, Instant to) {
        INDEXES.forEach(index -> sql.execute("drop index " + index.substring(0, index.indexOf(' '))));
        generate(sql, "grpc_request_log", rows, from, to);
        INDEXES.forEach(index -> sql.execute("create index " + index));
        sql.execute("vacuum analyze grpc_request_log");
    }

    /**
     * Inserts {@code rows} calls evenly spread from {@code from} to {@code to}, shaped like real traffic:
     * 4 services of 5 methods, 95 % success, 3 % errors, 1 % cancelled, 1 % timeouts, log-normal durations
     * (median 8 ms), time-ordered ids as the writer's.
     */
    static void generate(JdbcTemplate sql, String table, long rows, Instant from, Instant to) {
        double step = Duration.between(from, to).toNanos() / 1e3 / rows;
        long chunk = 1_000_000;
        for (long first = 1; first <= rows; first += chunk) {
            long last = Math.min(rows, first + chunk - 1);
            sql.update("insert into " + table + " (id, request_id, service, method, full_method, call_type, status, "
                    + "grpc_status, duration_ms, messages_in, bytes_in, messages_out, bytes_out, client_ip, peer, "
                    + "user_agent, authenticated, error_message, created_at, completed_at) "
                    + "select (lpad(to_hex((extract(epoch from t) * 1000)::bigint), 12, '0') || '7' "
                    + "  || substr(md5(n::text), 1, 19))::uuid, 'bench-' || n, s, m, s || '/' || m, 'UNARY', st, g, d, "
                    + "1, 24, 1, 120, '10.0.0.' || (n % 200), '10.0.0.' || (n % 200) || ':5' || (n % 1000), "
                    + "'grpc-java-netty/1.63.0', false, case when st = 'error' then 'backend unavailable' end, t, "
                    + "t + d * interval '1 millisecond' from ("
                    + "  select n, ?::timestamptz + (n - 1) * ? * interval '1 microsecond' as t, "
                    + "  'bench.v1.Service' || (n % 4) as s, 'Method' || (n % 5) as m, "
                    + "  case when n % 100 < 95 then 'success' when n % 100 < 98 then 'error' "
                    + "       when n % 100 < 99 then 'cancelled' else 'timeout' end as st, "
                    + "  case when n % 100 < 95 then 'OK' when n % 100 < 98 then 'UNAVAILABLE' "
                    + "       when n % 100 < 99 then 'CANCELLED' else 'DEADLINE_EXCEEDED' end as g, "
                    + "  8 * exp(0.8 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) as d "
                    + "  from generate_series(?::bigint, ?::bigint) n) calls", from.atOffset(ZoneOffset.UTC), step,
                    first, last);
        }
    }

    /** Reads every row back (streamed) and adds its figures to the rollups, a million rows at a time. */
    static void rollUp(HikariDataSource dataSource, RequestStatsTable rollups) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement rows = connection.prepareStatement("select service, method, status, "
                    + "grpc_status, duration_ms, messages_in, bytes_in, messages_out, bytes_out, created_at "
                    + "from grpc_request_log")) {
                rows.setFetchSize(20_000);
                try (ResultSet rs = rows.executeQuery()) {
                    RollupAccumulator pending = new RollupAccumulator();
                    long read = 0;
                    while (rs.next()) {
                        pending.record(new CallFigures(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getDouble(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                                rs.getLong(9), rs.getObject(10, OffsetDateTime.class).toInstant()));
                        if (++read % 1_000_000 == 0) {
                            rollups.add(pending.rows());
                            pending.clear();
                        }
                    }
                    rollups.add(pending.rows());
                }
            }
        }
    }
}
