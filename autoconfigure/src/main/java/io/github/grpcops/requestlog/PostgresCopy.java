package io.github.grpcops.requestlog;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.util.ClassUtils;

/**
 * Writes a batch of rows into PostgreSQL with one {@code COPY ... FROM STDIN} in text format instead of
 * multi-row inserts: no statement with thousands of parameters for the driver to bind and the server to
 * parse, which roughly halves the writer's CPU per row on both sides (docs/benchmarks.md). Used only
 * when the PostgreSQL driver is on the class path and the connection is one of its.
 */
final class PostgresCopy {

    private static final boolean DRIVER_PRESENT = ClassUtils.isPresent("org.postgresql.PGConnection",
            PostgresCopy.class.getClassLoader());

    private final String copyFrom;

    private PostgresCopy(String table) {
        this.copyFrom = "copy " + table + RequestLogInserter.COLUMN_NAMES + " from stdin";
    }

    /** COPY into {@code table}, or {@code null} when the PostgreSQL driver is absent. */
    static PostgresCopy into(String table) {
        return DRIVER_PRESENT ? new PostgresCopy(table) : null;
    }

    boolean appliesTo(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    /**
     * Copies {@code entries} inside the connection's current transaction. A COPY takes no query timeout, so
     * the transaction's own {@code statement_timeout} bounds it.
     */
    void copy(Connection connection, List<RequestLogEntry> entries, int timeoutMillis) throws SQLException {
        try (Statement timeout = connection.createStatement()) {
            timeout.execute("set local statement_timeout = " + timeoutMillis);
        }
        StringBuilder text = new StringBuilder(entries.size() * 320);
        for (RequestLogEntry entry : entries) {
            for (RequestLogColumn column : RequestLogInserter.COLUMNS) {
                column.appendCopyText(text, entry);
                text.append('\t');
            }
            text.setCharAt(text.length() - 1, '\n');
        }
        byte[] rows = text.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(this.copyFrom);
        try {
            copy.writeToCopy(rows, 0, rows.length);
            copy.endCopy();
        }
        finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
