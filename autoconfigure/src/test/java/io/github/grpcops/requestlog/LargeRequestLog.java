package io.github.grpcops.requestlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

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
        // The script's own secondary indexes, whatever they are, rebuilt after the load (faster than row by row).
        List<Map<String, Object>> indexes = sql.queryForList("select indexname, indexdef from pg_indexes "
                + "where schemaname = current_schema() and tablename = 'grpc_request_log' and indexname like '%\\_idx'");
        indexes.forEach(index -> sql.execute("drop index " + index.get("indexname")));
        generate(sql, rows, from, to);
        indexes.forEach(index -> sql.execute((String) index.get("indexdef")));
        sql.execute("vacuum analyze grpc_request_log");
    }

    /**
     * Inserts {@code rows} calls evenly spread from {@code from} to {@code to}, shaped like real traffic:
     * 4 services of 5 methods, 95 % success, 3 % errors, 1 % cancelled, 1 % timeouts, log-normal durations
     * (median 8 ms), time-ordered ids as the writer's; 70 % authenticated by 35 principals ({@code user-0} to
     * {@code user-46}, id and name alike, 2 % of the calls each), the rest anonymous.
     */
    static void generate(JdbcTemplate sql, long rows, Instant from, Instant to) {
        double step = Duration.between(from, to).toNanos() / 1e3 / rows;
        long chunk = 1_000_000;
        for (long first = 1; first <= rows; first += chunk) {
            long last = Math.min(rows, first + chunk - 1);
            sql.update("insert into grpc_request_log (id, request_id, service, method, full_method, call_type, status, "
                    + "grpc_status, duration_ms, messages_in, bytes_in, messages_out, bytes_out, client_ip, peer, "
                    + "user_agent, principal_id, principal_name, authenticated, auth_method, error_message, created_at, "
                    + "completed_at) "
                    + "select (lpad(to_hex((extract(epoch from t) * 1000)::bigint), 12, '0') || '7' "
                    + "  || substr(md5(n::text), 1, 19))::uuid, 'bench-' || n, s, m, s || '/' || m, 'UNARY', st, g, d, "
                    + "1, 24, 1, 120, '10.0.0.' || (n % 200), '10.0.0.' || (n % 200) || ':5' || (n % 1000), "
                    + "'grpc-java-netty/1.63.0', p, p, p is not null, case when p is not null then 'jwt' end, "
                    + "case when st = 'error' then 'backend unavailable' end, t, "
                    + "t + d * interval '1 millisecond' from ("
                    + "  select n, ?::timestamptz + (n - 1) * ? * interval '1 microsecond' as t, "
                    + "  'bench.v1.Service' || (n % 4) as s, 'Method' || (n % 5) as m, "
                    + "  case when n % 10 < 7 then 'user-' || (n % 50) end as p, "
                    + "  case when n % 100 < 95 then 'success' when n % 100 < 98 then 'error' "
                    + "       when n % 100 < 99 then 'cancelled' else 'timeout' end as st, "
                    + "  case when n % 100 < 95 then 'OK' when n % 100 < 98 then 'UNAVAILABLE' "
                    + "       when n % 100 < 99 then 'CANCELLED' else 'DEADLINE_EXCEEDED' end as g, "
                    + "  8 * exp(0.8 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) as d "
                    + "  from generate_series(?::bigint, ?::bigint) n) calls", from.atOffset(ZoneOffset.UTC), step,
                    first, last);
        }
    }

    /** Reads every row back (streamed) and adds its figures to the rollups, a million rows at a time; analyzes them. */
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
        new JdbcTemplate(dataSource).execute("vacuum analyze grpc_request_stats");
    }
}
