package io.github.grpcops.requestlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts request-log rows with plain JDBC: a batch in one transaction (all rows or none, so a failed
 * batch can be retried or split without duplicates) as multi-row inserts, or a single row. The columns
 * are those of {@link RequestLogColumn}; values are fitted to them here, whoever built the entry.
 */
class RequestLogInserter {

    /** Default name; {@code grpc.jdbc.table-prefix} changes its prefix. */
    static final String TABLE = "grpc_request_log";

    private static final List<RequestLogColumn> COLUMNS = List.of(RequestLogColumn.values());

    private static final String COLUMN_LIST = COLUMNS.stream()
        .map(RequestLogColumn::columnName)
        .collect(Collectors.joining(", ", " (", ") values "));

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
                    bind(statement, row * COLUMNS.size(), entries.get(start + row));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private String insert(int rows) {
        String row = "(" + "?, ".repeat(COLUMNS.size() - 1) + "?)";
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

    /** Binds {@code entry}'s columns as the parameters after {@code offset}. */
    private static void bind(PreparedStatement statement, int offset, RequestLogEntry entry) throws SQLException {
        for (int i = 0; i < COLUMNS.size(); i++) {
            COLUMNS.get(i).bind(statement, offset + i + 1, entry);
        }
    }
}
