package io.github.grpcops.requestlog;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
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
 * when the PostgreSQL driver is on the class path and the connection is one of its. Rows are written in
 * UTF-8 chunks of about {@value #CHUNK_CHARS} characters through buffers reused across the batch, not as
 * one string and then one byte array of the whole batch (which made the writer's garbage per row about
 * three times the row; docs/benchmarks.md).
 */
final class PostgresCopy {

    /** Characters of rows collected before they are encoded and sent (a chunk ends with the row that fills it). */
    static final int CHUNK_CHARS = 16 * 1024;

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
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(this.copyFrom);
        try {
            Chunks chunks = new Chunks(copy, entries.size());
            for (RequestLogEntry entry : entries) {
                for (RequestLogColumn column : RequestLogInserter.COLUMNS) {
                    column.appendCopyText(chunks.text, entry);
                    chunks.text.append('\t');
                }
                chunks.text.setCharAt(chunks.text.length() - 1, '\n');
                if (chunks.text.length() >= CHUNK_CHARS) {
                    chunks.send();
                }
            }
            chunks.send();
            copy.endCopy();
        }
        finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A batch's rows on their way into the COPY: text collected, then encoded to UTF-8 and sent. */
    private static final class Chunks {

        final StringBuilder text;

        /** The text copied out for the encoder: it encodes an array in bulk, a wrapped builder char by char. */
        private char[] chars;

        /** As large as the text usually is; a fuller one is sent in several writes. */
        private final ByteBuffer bytes;

        // Replaces what UTF-8 cannot encode (a lone surrogate) as String.getBytes does, instead of failing.
        private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);

        private final CopyIn copy;

        /** Buffers for a batch of {@code rows}: a few rows get small ones. */
        Chunks(CopyIn copy, int rows) {
            this.copy = copy;
            int capacity = Math.min(CHUNK_CHARS, rows * 320) + 1024;
            this.text = new StringBuilder(capacity);
            this.chars = new char[capacity];
            this.bytes = ByteBuffer.allocate(capacity);
        }

        /** Encodes the collected text, sending the bytes whenever the buffer fills, and starts again. */
        void send() throws SQLException {
            int length = this.text.length();
            if (this.chars.length < length) {
                this.chars = new char[length];
            }
            this.text.getChars(0, length, this.chars, 0);
            CharBuffer pending = CharBuffer.wrap(this.chars, 0, length);
            this.utf8.reset();
            while (this.utf8.encode(pending, this.bytes, true).isOverflow()) {
                drain();
            }
            this.utf8.flush(this.bytes);
            drain();
            this.text.setLength(0);
        }

        private void drain() throws SQLException {
            if (this.bytes.position() > 0) {
                this.copy.writeToCopy(this.bytes.array(), 0, this.bytes.position());
                this.bytes.clear();
            }
        }
    }
}
