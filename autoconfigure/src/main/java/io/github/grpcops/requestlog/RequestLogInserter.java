package io.github.grpcops.requestlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts request-log rows with plain JDBC: a batch in one transaction (all rows or none, so a failed
 * batch can be retried or split without duplicates), as one {@link PostgresCopy COPY} on PostgreSQL and
 * as multi-row inserts elsewhere, or a single row. The columns
 * are those of {@link RequestLogColumn}; values are fitted to them here, whoever built the entry.
 *
 * <p>Every attempt is bounded by the writer's own timeouts, whatever the pool's and the driver's: a
 * connection is waited for at most {@code connect-timeout}; each statement may run for
 * {@code statement-timeout} (the driver cancels it then), and a read from a database that stopped
 * answering gives up a second later (the connection's network timeout). The synchronous benchmark
 * reference waits for connections as the pool does, as the design it stands for did.
 */
class RequestLogInserter implements DisposableBean {

    /** Default name; {@code grpc.jdbc.table-prefix} changes its prefix. */
    static final String TABLE = "grpc_request_log";

    /** Every column, in order; one array for every row instead of a copy per {@code values()} call. */
    static final List<RequestLogColumn> COLUMNS = List.of(RequestLogColumn.values());

    /** {@code (id, request_id, ...)}: every column, in the order of {@link RequestLogColumn}. */
    static final String COLUMN_NAMES = COLUMNS.stream()
        .map(RequestLogColumn::columnName)
        .collect(Collectors.joining(", ", " (", ")"));

    /**
     * Rows per multi-row insert: one statement and one execution in the database for this many rows
     * (a JDBC batch of single-row inserts is still executed row by row by PostgreSQL), well below
     * the drivers' limits on parameters per statement.
     */
    static final int ROWS_PER_STATEMENT = 100;

    private final TimeBoundDataSource timeBound;

    private final JdbcTemplate jdbc;

    private final int statementTimeoutMillis;

    private final int networkTimeoutMillis;

    private final String insertInto;

    private final String insertOne;

    private final String insertFull;

    /** How batches go into PostgreSQL; {@code null} without its driver (or to measure multi-row inserts there). */
    private final PostgresCopy copy;

    /**
     * Inserts into {@code table} (the request log's name under the configured prefix), bounded by the
     * writer's {@code connect-timeout} and {@code statement-timeout}.
     */
    public RequestLogInserter(DataSource dataSource, String table, RequestLogProperties.Writer settings) {
        this(dataSource, table, settings, true);
    }

    /** Without {@code copyIntoPostgres}, batches are multi-row inserts on PostgreSQL too (the benchmark compares). */
    RequestLogInserter(DataSource dataSource, String table, RequestLogProperties.Writer settings,
            boolean copyIntoPostgres) {
        this.timeBound = (settings.getMode() == RequestLogProperties.WriteMode.ASYNC)
                ? new TimeBoundDataSource(dataSource, settings.getConnectTimeout()) : null;
        this.jdbc = new JdbcTemplate((this.timeBound != null) ? this.timeBound : dataSource);
        Duration statementTimeout = settings.getStatementTimeout();
        this.statementTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 1000, statementTimeout.toMillis()));
        this.networkTimeoutMillis = this.statementTimeoutMillis + 1000;
        this.insertInto = "insert into " + table + COLUMN_NAMES + " values ";
        this.insertOne = insert(1);
        this.insertFull = insert(ROWS_PER_STATEMENT);
        this.copy = copyIntoPostgres ? PostgresCopy.into(table) : null;
    }

    /** Inserts all rows in one transaction, or none of them. */
    public void insertBatch(List<RequestLogEntry> entries) {
        withTimeouts(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (this.copy != null && this.copy.appliesTo(connection)) {
                    this.copy.copy(connection, entries, this.statementTimeoutMillis);
                }
                else {
                    insertChunks(connection, entries);
                }
                connection.commit();
            }
            catch (SQLException | RuntimeException ex) {
                // On a broken connection these fail too; the original failure is what is reported.
                rollback(connection);
                restoreAutoCommit(connection, autoCommit);
                throw ex;
            }
            connection.setAutoCommit(autoCommit);
            return null;
        });
    }

    private void insertChunks(Connection connection, List<RequestLogEntry> entries) throws SQLException {
        int full = entries.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
        if (full > 0) {
            executeChunks(connection, ROWS_PER_STATEMENT, entries.subList(0, full));
        }
        if (full < entries.size()) {
            executeChunks(connection, entries.size() - full, entries.subList(full, entries.size()));
        }
    }

    public void insert(RequestLogEntry entry) {
        withTimeouts(connection -> {
            try (PreparedStatement statement = prepare(connection, this.insertOne)) {
                bind(statement, 0, entry);
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void destroy() {
        if (this.timeBound != null) {
            this.timeBound.close();
        }
    }

    /** Runs {@code work} on a connection whose reads give up once the statement timeout is well past. */
    private void withTimeouts(ConnectionCallback<Void> work) {
        this.jdbc.execute((ConnectionCallback<Void>) connection -> {
            int previous = networkTimeout(connection);
            setNetworkTimeout(connection, this.networkTimeoutMillis);
            try {
                return work.doInConnection(connection);
            }
            finally {
                setNetworkTimeout(connection, previous);
            }
        });
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(Math.max(1, this.statementTimeoutMillis / 1000));
        return statement;
    }

    private static int networkTimeout(Connection connection) {
        try {
            return connection.getNetworkTimeout();
        }
        catch (SQLException ex) {
            return 0;
        }
    }

    /** Drivers without network timeouts (H2 in memory has no network) keep their own behaviour. */
    private static void setNetworkTimeout(Connection connection, int millis) {
        try {
            connection.setNetworkTimeout(ForkJoinPool.commonPool(), millis);
        }
        catch (SQLException ex) {
            // not supported: the statement timeout still bounds the statement
        }
    }

    /**
     * Inserts {@code entries} with statements of {@code rowsPerStatement} rows each, one execution per
     * statement. Not a JDBC batch: PostgreSQL's driver words a failed batch as a
     * {@code BatchUpdateException} quoting the statement with every bound value, which a connection pool
     * logs whole when the connection breaks (Hikari's "marked as broken"); a plain statement's failure
     * carries the server's message only.
     */
    private void executeChunks(Connection connection, int rowsPerStatement, List<RequestLogEntry> entries)
            throws SQLException {
        String sql = (rowsPerStatement == ROWS_PER_STATEMENT) ? this.insertFull : insert(rowsPerStatement);
        try (PreparedStatement statement = prepare(connection, sql)) {
            for (int start = 0; start < entries.size(); start += rowsPerStatement) {
                for (int row = 0; row < rowsPerStatement; row++) {
                    bind(statement, row * COLUMNS.size(), entries.get(start + row));
                }
                statement.executeUpdate();
            }
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

    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        }
        catch (SQLException ignored) {
            // as for the rollback
        }
    }

    /** Binds {@code entry}'s columns as the parameters after {@code offset}. */
    private static void bind(PreparedStatement statement, int offset, RequestLogEntry entry) throws SQLException {
        for (int i = 0; i < COLUMNS.size(); i++) {
            COLUMNS.get(i).bind(statement, offset + i + 1, entry);
        }
    }
}
