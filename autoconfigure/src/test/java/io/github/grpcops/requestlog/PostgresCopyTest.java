package io.github.grpcops.requestlog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.jdbc.SchemaTables;
import io.github.grpcops.test.postgres.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Batches go into PostgreSQL with COPY: a row copied reads back exactly as the same row inserted with
 * parameters (escapes, NUL characters, over-long and non-ASCII text, nulls, sub-microsecond times,
 * small and large numbers), and a COPY that has to wait is cancelled by the writer's statement timeout
 * without leaving a row.
 */
class PostgresCopyTest {

    private static final String SCHEMA = "copy_test";

    private static DataSource dataSource;

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void createTable() throws SQLException {
        TestPostgres.Server server = TestPostgres.server();
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), SchemaTables.emptyPostgresSchema(SCHEMA),
                server.username(), server.password());
        jdbc = new JdbcTemplate(dataSource);
        GrpcJdbcProperties schema = new GrpcJdbcProperties();
        schema.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
        new GrpcOpsSchemaInitializer(dataSource, schema).initializeDatabase();
    }

    @AfterAll
    static void dropSchema() {
        jdbc.execute("drop schema " + SCHEMA + " cascade");
    }

    @BeforeEach
    void emptyTable() {
        jdbc.execute("truncate table grpc_request_log");
    }

    @Test
    void aCopiedRowReadsBackAsTheSameRowInsertedWithParameters() {
        List<RequestLogEntry> rows = List.of(
                entry("back\\slash\ttab\nnewline\rreturn \\N \\t", "zero\0byte", 0.0001,
                        Instant.parse("2026-11-30T10:15:30.123456500Z"), "{\"q\":\"a\\\\b\\n\"}"),
                entry("ünïcödé 😀 名前", "x".repeat(2_000), 12_345_678.9,
                        Instant.parse("2026-11-30T23:59:59.999999700Z"), null),
                entry("plain", null, 0, Instant.parse("2026-11-30T00:00:00Z"), ""),
                entry("leap day", null, 3, Instant.parse("2028-02-29T09:05:07.000001Z"), null),
                entry("far past", null, 3, Instant.parse("0999-12-31T23:59:59.999999Z"), null));
        List<RequestLogEntry> copied = withKind(rows, "copy");
        List<RequestLogEntry> inserted = withKind(rows, "insert");

        inserter(true).insertBatch(copied);
        inserter(false).insertBatch(inserted);

        Map<String, Map<String, Object>> byCopy = readBack("copy");
        Map<String, Map<String, Object>> byInsert = readBack("insert");
        assertThat(byCopy).hasSize(rows.size()).isEqualTo(byInsert);
        assertThat(byCopy.get("0").get("principal_name")).isEqualTo("back\\slash\ttab\nnewline\rreturn \\N \\t");
        assertThat(byCopy.get("0").get("user_agent")).isEqualTo("zerobyte");
        assertThat(byCopy.get("1").get("user_agent")).asString().hasSize(RequestLogColumn.Length.USER_AGENT).endsWith("…");
        assertThat(byCopy.get("1").get("response_payload")).isNull();
        assertThat(byCopy.get("2").get("response_payload")).as("empty, not null").isEqualTo("");
    }

    @Test
    void aBatchOfManyChunksWithMultiByteTextReadsBackAsInserted() {
        // Each payload is about 15 KB of UTF-8 (2-, 3- and 4-byte characters): many chunks, characters cut by none.
        String payload = "ü€😀x".repeat(1_500);
        List<RequestLogEntry> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(entry("caller " + i, "agent " + i, i, Instant.parse("2026-11-30T10:15:30Z").plusMillis(i),
                    payload.substring(i * 5)));
        }

        inserter(true).insertBatch(withKind(rows, "copy"));
        inserter(false).insertBatch(withKind(rows, "insert"));

        Map<String, Map<String, Object>> byCopy = readBack("copy");
        assertThat(byCopy).hasSize(rows.size()).isEqualTo(readBack("insert"));
        assertThat(byCopy.get("39").get("request_payload")).isEqualTo(payload.substring(39 * 5));
    }

    @Test
    void aCopyWaitingLongerThanTheStatementTimeoutIsCancelledAndWritesNothing() throws SQLException {
        RequestLogProperties.Writer settings = new RequestLogProperties().getWriter();
        settings.setStatementTimeout(Duration.ofSeconds(1));
        RequestLogInserter inserter = new RequestLogInserter(dataSource, RequestLogInserter.TABLE, settings);
        try (Connection locker = dataSource.getConnection(); Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("lock table grpc_request_log in access exclusive mode");
            long start = System.nanoTime();
            assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> inserter.insertBatch(withKind(List.of(entry("a", null, 1, Instant.now(), null)), "t")))
                .withMessageContaining("statement timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            locker.rollback();
        }
        assertThat(jdbc.queryForObject("select count(*) from grpc_request_log", Long.class)).isZero();
    }

    private static RequestLogInserter inserter(boolean copy) {
        return new RequestLogInserter(dataSource, RequestLogInserter.TABLE, new RequestLogProperties().getWriter(),
                copy);
    }

    /** Every column but the id, by the row's number (kept in the request id). */
    private static Map<String, Map<String, Object>> readBack(String kind) {
        return jdbc.queryForList("select * from grpc_request_log where request_id like ?", kind + "-%")
            .stream()
            .peek(row -> row.remove("id"))
            .collect(Collectors.toMap(row -> ((String) row.remove("request_id")).substring(kind.length() + 1),
                    row -> row));
    }

    /** The rows with fresh ids and request ids {@code kind-<index>}. */
    private static List<RequestLogEntry> withKind(List<RequestLogEntry> rows, String kind) {
        List<RequestLogEntry> named = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            RequestLogEntry row = rows.get(i);
            named.add(new RequestLogEntry(UUID.randomUUID(), kind + "-" + i, row.service(), row.method(),
                    row.fullMethod(), row.callType(), row.status(), row.grpcStatus(), row.durationMs(), row.messagesIn(),
                    row.bytesIn(), row.messagesOut(), row.bytesOut(), row.clientIp(), row.userAgent(), row.peer(),
                    row.principalId(), row.principalName(), row.authenticated(), row.authMethod(), row.apiKeyId(),
                    row.errorMessage(), row.requestPayload(), row.responsePayload(), row.createdAt(),
                    row.completedAt(), row.traceId(), row.spanId()));
        }
        return named;
    }

    private static RequestLogEntry entry(String principalName, String userAgent, double durationMs, Instant at,
            String payload) {
        boolean authenticated = principalName.length() > 5;
        return new RequestLogEntry(null, null, "copy.v1.Service", "Method", "copy.v1.Service/Method", "UNARY", "error",
                "INTERNAL", durationMs, 3, Long.MAX_VALUE, 0, 0, "2001:db8::1", userAgent, null, "user-7",
                principalName, authenticated, authenticated ? "jwt" : null, null, "failed: \"quoted\" \\ reason",
                payload, payload, at, at.plusNanos(1_500), "4bf92f3577b34da6a3ce929d0e0e4736", null);
    }
}
