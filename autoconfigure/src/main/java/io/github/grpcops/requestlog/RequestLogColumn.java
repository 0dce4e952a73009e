package io.github.grpcops.requestlog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Function;

import static io.github.grpcops.requestlog.RequestLogColumn.Nulls.ALLOWED;
import static io.github.grpcops.requestlog.RequestLogColumn.Nulls.REFUSED;
import static io.github.grpcops.requestlog.RequestLogColumn.SqlType.BIGINT;
import static io.github.grpcops.requestlog.RequestLogColumn.SqlType.BOOLEAN;
import static io.github.grpcops.requestlog.RequestLogColumn.SqlType.DOUBLE;
import static io.github.grpcops.requestlog.RequestLogColumn.SqlType.TEXT;
import static io.github.grpcops.requestlog.RequestLogColumn.SqlType.TIMESTAMP;
import static io.github.grpcops.requestlog.RequestLogColumn.SqlType.UUID;
import static io.github.grpcops.requestlog.RequestLogColumn.SqlType.VARCHAR;

/**
 * The columns of {@code grpc_request_log}: the one definition of the row. Each column is named after
 * its constant ({@code REQUEST_ID} is {@code request_id}, its property {@code requestId}) and reads its
 * value from the {@link RequestLogEntry}; the inserter writes exactly these, fitting strings to their
 * length. The entity ({@link GrpcRequestLog}), the schema scripts ({@code schema-requestlog-h2.sql},
 * {@code schema-requestlog-postgresql.sql}) and the full view of a call in {@code /actuator/grpc} must
 * agree with it, which tests check: a new column is a constant here, a component of the entry, a field
 * of the entity, a line in each script and a component of the view.
 */
public enum RequestLogColumn {

    ID(UUID, REFUSED, RequestLogEntry::id),

    REQUEST_ID(VARCHAR, Length.REQUEST_ID, REFUSED, RequestLogEntry::requestId),

    SERVICE(VARCHAR, Length.SERVICE, REFUSED, RequestLogEntry::service),

    METHOD(VARCHAR, Length.METHOD, REFUSED, RequestLogEntry::method),

    FULL_METHOD(VARCHAR, Length.FULL_METHOD, REFUSED, RequestLogEntry::fullMethod),

    CALL_TYPE(VARCHAR, Length.CALL_TYPE, REFUSED, RequestLogEntry::callType),

    STATUS(VARCHAR, Length.STATUS, REFUSED, RequestLogEntry::status),

    GRPC_STATUS(VARCHAR, Length.GRPC_STATUS, REFUSED, RequestLogEntry::grpcStatus),

    DURATION_MS(DOUBLE, REFUSED, RequestLogEntry::durationMs),

    MESSAGES_IN(BIGINT, REFUSED, RequestLogEntry::messagesIn),

    BYTES_IN(BIGINT, REFUSED, RequestLogEntry::bytesIn),

    MESSAGES_OUT(BIGINT, REFUSED, RequestLogEntry::messagesOut),

    BYTES_OUT(BIGINT, REFUSED, RequestLogEntry::bytesOut),

    CLIENT_IP(VARCHAR, Length.CLIENT_IP, ALLOWED, RequestLogEntry::clientIp),

    USER_AGENT(VARCHAR, Length.USER_AGENT, ALLOWED, RequestLogEntry::userAgent),

    PEER(VARCHAR, Length.PEER, ALLOWED, RequestLogEntry::peer),

    PRINCIPAL_ID(VARCHAR, Length.PRINCIPAL, ALLOWED, RequestLogEntry::principalId),

    PRINCIPAL_NAME(VARCHAR, Length.PRINCIPAL, ALLOWED, RequestLogEntry::principalName),

    AUTHENTICATED(BOOLEAN, REFUSED, RequestLogEntry::authenticated),

    AUTH_METHOD(VARCHAR, Length.AUTH_METHOD, ALLOWED, RequestLogEntry::authMethod),

    API_KEY_ID(VARCHAR, Length.API_KEY_ID, ALLOWED, RequestLogEntry::apiKeyId),

    ERROR_MESSAGE(VARCHAR, Length.ERROR_MESSAGE, ALLOWED, RequestLogEntry::errorMessage),

    REQUEST_PAYLOAD(TEXT, ALLOWED, RequestLogEntry::requestPayload),

    RESPONSE_PAYLOAD(TEXT, ALLOWED, RequestLogEntry::responsePayload),

    CREATED_AT(TIMESTAMP, REFUSED, RequestLogEntry::createdAt),

    COMPLETED_AT(TIMESTAMP, REFUSED, RequestLogEntry::completedAt),

    TRACE_ID(VARCHAR, Length.TRACE_ID, ALLOWED, RequestLogEntry::traceId),

    SPAN_ID(VARCHAR, Length.SPAN_ID, ALLOWED, RequestLogEntry::spanId);

    private final SqlType type;

    private final int length;

    private final Nulls nulls;

    private final Function<RequestLogEntry, Object> value;

    RequestLogColumn(SqlType type, Nulls nulls, Function<RequestLogEntry, Object> value) {
        this(type, (type == TEXT) ? Integer.MAX_VALUE : 0, nulls, value);
    }

    RequestLogColumn(SqlType type, int length, Nulls nulls, Function<RequestLogEntry, Object> value) {
        this.type = type;
        this.length = length;
        this.nulls = nulls;
        this.value = value;
    }

    /** The SQL name, e.g. {@code request_id}. */
    public String columnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name of the entity's attribute and of the key in JSON views, e.g. {@code requestId}. */
    public String property() {
        StringBuilder property = new StringBuilder();
        for (String word : columnName().split("_")) {
            property.append(property.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return property.toString();
    }

    public SqlType type() {
        return this.type;
    }

    /** The maximum length in characters of a {@link SqlType#VARCHAR} column; 0 for other types. */
    public int length() {
        return this.length;
    }

    public boolean nullable() {
        return this.nulls == ALLOWED;
    }

    /** This column's value in {@code entry}. */
    public Object valueOf(RequestLogEntry entry) {
        return this.value.apply(entry);
    }

    /** Binds this column's value in {@code entry} as parameter {@code index}, strings fitted to the column. */
    void bind(PreparedStatement statement, int index, RequestLogEntry entry) throws SQLException {
        Object value = valueOf(entry);
        switch (this.type) {
            case UUID -> statement.setObject(index, value);
            case VARCHAR, TEXT -> {
                if (value == null) {
                    statement.setNull(index, Types.VARCHAR);
                }
                else {
                    statement.setString(index, fit((String) value, this.length));
                }
            }
            case DOUBLE -> statement.setDouble(index, (Double) value);
            case BIGINT -> statement.setLong(index, (Long) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case TIMESTAMP -> statement.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
        }
    }

    /**
     * Appends this column's value in {@code entry} as one field of PostgreSQL's COPY text format, strings
     * fitted to the column as {@link #bind} does and timestamps rounded to microseconds as the driver rounds
     * them, so a row reads back the same whichever way it was written.
     */
    void appendCopyText(StringBuilder row, RequestLogEntry entry) {
        Object value = valueOf(entry);
        if (value == null) {
            row.append("\\N");
            return;
        }
        switch (this.type) {
            case VARCHAR, TEXT -> appendCopyEscaped(row, fit((String) value, this.length));
            case BOOLEAN -> row.append(((Boolean) value) ? 't' : 'f');
            case TIMESTAMP -> appendCopyTimestamp(row, ((Instant) value).plusNanos(500).truncatedTo(ChronoUnit.MICROS));
            case UUID, DOUBLE, BIGINT -> row.append(value);
        }
    }

    /**
     * {@code 2026-11-30 17:05:09.123456+00}, written by hand: {@link Instant#toString()}'s formatter was a
     * third of the writer's CPU per row. Years outside four digits (never a call's) take the slow path.
     */
    private static void appendCopyTimestamp(StringBuilder row, Instant time) {
        long seconds = time.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            row.append(time);
            return;
        }
        int second = (int) Math.floorMod(seconds, 86_400);
        row.append(date.getYear()).append('-');
        appendPadded(row, date.getMonthValue(), 2).append('-');
        appendPadded(row, date.getDayOfMonth(), 2).append(' ');
        appendPadded(row, second / 3600, 2).append(':');
        appendPadded(row, second / 60 % 60, 2).append(':');
        appendPadded(row, second % 60, 2).append('.');
        appendPadded(row, time.getNano() / 1000, 6).append("+00");
    }

    private static StringBuilder appendPadded(StringBuilder row, int value, int digits) {
        for (int limit = 10, i = 1; i < digits; i++, limit *= 10) {
            if (value < limit) {
                row.append('0');
            }
        }
        return row.append(value);
    }

    /** COPY's text format gives backslash, tab, newline and carriage return a meaning: escape them. */
    private static void appendCopyEscaped(StringBuilder row, String text) {
        if (!needsCopyEscape(text)) {
            row.append(text);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
    }

    private static boolean needsCopyEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code value} cut to {@code length} characters (ending in an ellipsis when cut), with NUL
     * characters removed: PostgreSQL rejects them in text columns. An over-long method name or user
     * agent is truncated rather than failing the insert, which in a batch would take every other row
     * down with it.
     */
    public static String fit(String value, int length) {
        String clean = (value.indexOf('\0') >= 0) ? value.replace("\0", "") : value;
        if (clean.length() <= length) {
            return clean;
        }
        int end = length - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + "…";
    }

    /** How a column is declared in the scripts, and how its value is bound. */
    public enum SqlType {

        /** {@code uuid}; a {@link java.util.UUID}. */
        UUID,

        /** {@code varchar(length)}; a {@link String}, fitted to the length. */
        VARCHAR,

        /** Text of any length ({@code text}, {@code character large object}); a {@link String}. */
        TEXT,

        /** {@code double precision}; a {@code double}. */
        DOUBLE,

        /** {@code bigint}; a {@code long}. */
        BIGINT,

        /** {@code boolean}. */
        BOOLEAN,

        /** {@code timestamp(6) with time zone}; an {@link Instant}, written in UTC. */
        TIMESTAMP
    }

    /** Whether a column takes {@code null} ({@code not null} in the scripts when refused). */
    enum Nulls {

        ALLOWED, REFUSED
    }

    /**
     * The lengths of the {@link SqlType#VARCHAR} columns, as constants so the entity's {@code @Column}
     * annotations can name them.
     */
    public static final class Length {

        public static final int REQUEST_ID = 128;

        public static final int SERVICE = 255;

        public static final int METHOD = 255;

        public static final int FULL_METHOD = 512;

        public static final int CALL_TYPE = 32;

        public static final int STATUS = 16;

        public static final int GRPC_STATUS = 32;

        public static final int CLIENT_IP = 64;

        public static final int USER_AGENT = 512;

        public static final int PEER = 255;

        public static final int PRINCIPAL = 255;

        public static final int AUTH_METHOD = 32;

        public static final int API_KEY_ID = 64;

        public static final int ERROR_MESSAGE = 1000;

        /** A W3C trace id: 32 hex digits. */
        public static final int TRACE_ID = 32;

        /** A W3C span id: 16 hex digits. */
        public static final int SPAN_ID = 16;

        private Length() {
        }
    }
}
