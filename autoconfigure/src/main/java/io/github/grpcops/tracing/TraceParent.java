package io.github.grpcops.tracing;

import java.util.Iterator;

import io.grpc.Metadata;

/**
 * A W3C Trace Context {@code traceparent}
 * ({@code version-traceid-parentid-flags}, e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}),
 * read strictly: lowercase hex only, trace and parent ids not all zeros, version {@code ff} refused, a
 * version {@code 00} value exactly 55 characters, a later version at least that with a {@code -} after
 * the flags. Anything else is not a trace parent at all: a malformed header is ignored, never passed on
 * or stored as it came.
 *
 * @param traceId 32 lowercase hex digits
 * @param parentId 16 lowercase hex digits: the caller's span
 * @param sampled whether the caller records the trace (flag {@code 01})
 */
public record TraceParent(String traceId, String parentId, boolean sampled) {

    public static final String HEADER_NAME = "traceparent";

    public static final Metadata.Key<String> HEADER = Metadata.Key.of(HEADER_NAME, Metadata.ASCII_STRING_MARSHALLER);

    private static final int TRACE_ID_LENGTH = 32;

    private static final int SPAN_ID_LENGTH = 16;

    /** {@code 00-} + trace id + {@code -} + parent id + {@code -} + flags. */
    private static final int LENGTH = 3 + TRACE_ID_LENGTH + 1 + SPAN_ID_LENGTH + 3;

    /** The header of a call, or {@code null} when it has none, more than one, or a malformed one. */
    public static TraceParent of(Metadata headers) {
        Iterable<String> values = headers.getAll(HEADER);
        if (values == null) {
            return null;
        }
        Iterator<String> it = values.iterator();
        String value = it.next();
        return it.hasNext() ? null : parse(value);
    }

    /** {@code value} read strictly (see above), or {@code null} when it is not a valid {@code traceparent}. */
    public static TraceParent parse(String value) {
        if (value == null || value.length() < LENGTH || !isHex(value, 0, 2) || value.startsWith("ff")
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-'
                || !isHex(value, 53, LENGTH)) {
            return null;
        }
        boolean current = value.startsWith("00");
        if ((current && value.length() != LENGTH) || (!current && value.length() > LENGTH && value.charAt(LENGTH) != '-')) {
            return null;
        }
        String traceId = value.substring(3, 35);
        String parentId = value.substring(36, 52);
        if (!isTraceId(traceId) || !isSpanId(parentId)) {
            return null;
        }
        return new TraceParent(traceId, parentId, (Character.digit(value.charAt(54), 16) & 1) == 1);
    }

    /** Whether {@code id} is a W3C trace id: 32 lowercase hex digits, not all zeros. */
    public static boolean isTraceId(String id) {
        return isId(id, TRACE_ID_LENGTH);
    }

    /** Whether {@code id} is a W3C span (parent) id: 16 lowercase hex digits, not all zeros. */
    public static boolean isSpanId(String id) {
        return isId(id, SPAN_ID_LENGTH);
    }

    /** The header value for a call made in span {@code spanId} of trace {@code traceId}, version 00. */
    public static String format(String traceId, String spanId, boolean sampled) {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    private static boolean isId(String id, int length) {
        return id != null && id.length() == length && isHex(id, 0, length) && !id.chars().allMatch(c -> c == '0');
    }

    private static boolean isHex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
