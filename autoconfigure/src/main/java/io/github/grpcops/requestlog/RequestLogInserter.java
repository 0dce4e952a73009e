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
 * batch can be retried or split without duplicates), or a single row. Values are fitted to their
 * columns here, whoever built the entry.
 */
public class RequestLogInserter {

    static final String TABLE = "grpc_request_log";

    private static final String INSERT = "insert into " + TABLE + " (id, request_id, service, method, full_method, "
            + "call_type, status, grpc_status, duration_ms, messages_in, bytes_in, messages_out, bytes_out, client_ip, "
            + "user_agent, peer, principal_id, principal_name, authenticated, auth_method, api_key_id, error_message, "
            + "request_payload, response_payload, created_at, completed_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    public RequestLogInserter(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Inserts all rows in one transaction, or none of them. */
    public void insertBatch(List<RequestLogEntry> entries) {
        this.jdbc.execute((ConnectionCallback<Void>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                for (RequestLogEntry entry : entries) {
                    bind(statement, entry);
                    statement.addBatch();
                }
                statement.executeBatch();
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
        this.jdbc.update(INSERT, statement -> bind(statement, entry));
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        }
        catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the original failure is reported
        }
    }

    private static void bind(PreparedStatement s, RequestLogEntry e) throws SQLException {
        s.setObject(1, e.id());
        s.setString(2, RequestLogColumns.fit(e.requestId(), RequestLogColumns.REQUEST_ID));
        s.setString(3, RequestLogColumns.fit(e.service(), RequestLogColumns.SERVICE));
        s.setString(4, RequestLogColumns.fit(e.method(), RequestLogColumns.METHOD));
        s.setString(5, RequestLogColumns.fit(e.fullMethod(), RequestLogColumns.FULL_METHOD));
        s.setString(6, RequestLogColumns.fit(e.callType(), RequestLogColumns.CALL_TYPE));
        s.setString(7, RequestLogColumns.fit(e.status(), RequestLogColumns.STATUS));
        s.setString(8, RequestLogColumns.fit(e.grpcStatus(), RequestLogColumns.GRPC_STATUS));
        s.setDouble(9, e.durationMs());
        s.setLong(10, e.messagesIn());
        s.setLong(11, e.bytesIn());
        s.setLong(12, e.messagesOut());
        s.setLong(13, e.bytesOut());
        s.setString(14, RequestLogColumns.fit(e.clientIp(), RequestLogColumns.CLIENT_IP));
        s.setString(15, RequestLogColumns.fit(e.userAgent(), RequestLogColumns.USER_AGENT));
        s.setString(16, RequestLogColumns.fit(e.peer(), RequestLogColumns.PEER));
        s.setString(17, RequestLogColumns.fit(e.principalId(), RequestLogColumns.PRINCIPAL));
        s.setString(18, RequestLogColumns.fit(e.principalName(), RequestLogColumns.PRINCIPAL));
        s.setBoolean(19, e.authenticated());
        s.setString(20, RequestLogColumns.fit(e.authMethod(), RequestLogColumns.AUTH_METHOD));
        s.setString(21, RequestLogColumns.fit(e.apiKeyId(), RequestLogColumns.API_KEY_ID));
        s.setString(22, RequestLogColumns.fit(e.errorMessage(), RequestLogColumns.ERROR_MESSAGE));
        setText(s, 23, e.requestPayload());
        setText(s, 24, e.responsePayload());
        s.setObject(25, utc(e.createdAt()));
        s.setObject(26, utc(e.completedAt()));
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
