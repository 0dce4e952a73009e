package io.github.grpcops.requestlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts request-log rows with plain JDBC: a batch in one transaction (all rows or none, so a failed
 * batch can be retried or split without duplicates) as multi-row inserts, or a single row. Values are
 * fitted to their columns here, whoever built the entry.
 */
public class RequestLogInserter {

    /** Default name; {@code grpc.jdbc.table-prefix} changes its prefix. */
    static final String TABLE = "grpc_request_log";

    private static final String COLUMN_LIST = " (id, request_id, service, method, "
            + "full_method, call_type, status, grpc_status, duration_ms, messages_in, bytes_in, messages_out, bytes_out, "
            + "client_ip, user_agent, peer, principal_id, principal_name, authenticated, auth_method, api_key_id, "
            + "error_message, request_payload, response_payload, created_at, completed_at) values ";

    private static final int COLUMNS = 26;

    /**
     * Rows per multi-row insert: one statement and one execution in the database for this many rows
     * (a JDBC batch of single-row inserts is still executed row by row by PostgreSQL), well below
     * the drivers' limits on parameters per statement.
     */
    static final int ROWS_PER_STATEMENT = 100;

    private final JdbcTemplate jdbc;

    private final String insertInto;

    private final String insertOne;

    private final String insertFull;

    /** Inserts into {@code table} (the request log's name under the configured prefix). */
    public RequestLogInserter(DataSource dataSource, String table) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.insertInto = "insert into " + table + COLUMN_LIST;
        this.insertOne = insert(1);
        this.insertFull = insert(ROWS_PER_STATEMENT);
    }

    /** Inserts all rows in one transaction, or none of them. */
    public void insertBatch(List<RequestLogEntry> entries) {
        this.jdbc.execute((ConnectionCallback<Void>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                int full = entries.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
                if (full > 0) {
                    executeChunks(connection, ROWS_PER_STATEMENT, entries.subList(0, full));
                }
                if (full < entries.size()) {
                    executeChunks(connection, entries.size() - full, entries.subList(full, entries.size()));
                }
                connection.commit();
            }
            catch (SQLException | RuntimeException ex) {
                rollback(connection);
                throw ex;
            }
            finally {
                connection.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    public void insert(RequestLogEntry entry) {
        this.jdbc.update(this.insertOne, statement -> bind(statement, 0, entry));
    }

    /** Inserts {@code entries} with statements of {@code rowsPerStatement} rows each, as one JDBC batch. */
    private void executeChunks(Connection connection, int rowsPerStatement, List<RequestLogEntry> entries)
            throws SQLException {
        String sql = (rowsPerStatement == ROWS_PER_STATEMENT) ? this.insertFull : insert(rowsPerStatement);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int start = 0; start < entries.size(); start += rowsPerStatement) {
                for (int row = 0; row < rowsPerStatement; row++) {
                    bind(statement, row * COLUMNS, entries.get(start + row));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private String insert(int rows) {
        String row = "(" + "?, ".repeat(COLUMNS - 1) + "?)";
        StringBuilder sql = new StringBuilder(this.insertInto);
        for (int i = 0; i < rows; i++) {
            sql.append((i > 0) ? ", " : "").append(row);
        }
        return sql.toString();
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        }
        catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the original failure is reported
        }
    }

    private static void bind(PreparedStatement s, int o, RequestLogEntry e) throws SQLException {
        s.setObject(o + 1, e.id());
        s.setString(o + 2, RequestLogColumns.fit(e.requestId(), RequestLogColumns.REQUEST_ID));
        s.setString(o + 3, RequestLogColumns.fit(e.service(), RequestLogColumns.SERVICE));
        s.setString(o + 4, RequestLogColumns.fit(e.method(), RequestLogColumns.METHOD));
        s.setString(o + 5, RequestLogColumns.fit(e.fullMethod(), RequestLogColumns.FULL_METHOD));
        s.setString(o + 6, RequestLogColumns.fit(e.callType(), RequestLogColumns.CALL_TYPE));
        s.setString(o + 7, RequestLogColumns.fit(e.status(), RequestLogColumns.STATUS));
        s.setString(o + 8, RequestLogColumns.fit(e.grpcStatus(), RequestLogColumns.GRPC_STATUS));
        s.setDouble(o + 9, e.durationMs());
        s.setLong(o + 10, e.messagesIn());
        s.setLong(o + 11, e.bytesIn());
        s.setLong(o + 12, e.messagesOut());
        s.setLong(o + 13, e.bytesOut());
        s.setString(o + 14, RequestLogColumns.fit(e.clientIp(), RequestLogColumns.CLIENT_IP));
        s.setString(o + 15, RequestLogColumns.fit(e.userAgent(), RequestLogColumns.USER_AGENT));
        s.setString(o + 16, RequestLogColumns.fit(e.peer(), RequestLogColumns.PEER));
        s.setString(o + 17, RequestLogColumns.fit(e.principalId(), RequestLogColumns.PRINCIPAL));
        s.setString(o + 18, RequestLogColumns.fit(e.principalName(), RequestLogColumns.PRINCIPAL));
        s.setBoolean(o + 19, e.authenticated());
        s.setString(o + 20, RequestLogColumns.fit(e.authMethod(), RequestLogColumns.AUTH_METHOD));
        s.setString(o + 21, RequestLogColumns.fit(e.apiKeyId(), RequestLogColumns.API_KEY_ID));
        s.setString(o + 22, RequestLogColumns.fit(e.errorMessage(), RequestLogColumns.ERROR_MESSAGE));
        setText(s, o + 23, e.requestPayload());
        setText(s, o + 24, e.responsePayload());
        s.setObject(o + 25, utc(e.createdAt()));
        s.setObject(o + 26, utc(e.completedAt()));
    }

    private static void setText(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        }
        else {
            s.setString(index, RequestLogColumns.fit(value, Integer.MAX_VALUE));
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
