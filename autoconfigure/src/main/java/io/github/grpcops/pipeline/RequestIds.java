package io.github.grpcops.pipeline;

import io.grpc.Metadata;

/**
 * Resolves a call's request id: the caller's {@code x-request-id} when it is sane, otherwise a new
 * {@link TimeOrderedIds time-ordered} UUID, written back into the request headers so every interceptor
 * of the call, whatever its order, resolves the same id.
 */
public final class RequestIds {

    public static final String HEADER_NAME = "x-request-id";

    public static final Metadata.Key<String> HEADER = Metadata.Key.of(HEADER_NAME, Metadata.ASCII_STRING_MARSHALLER);

    /** Longest caller-supplied id kept; longer ones are replaced (and fit the request-log column). */
    public static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** Returns the call's id, replacing a missing, repeated or unsafe header with a new UUID. */
    public static String resolve(Metadata headers) {
        String id = singleValue(headers);
        if (isSane(id)) {
            return id;
        }
        String generated = TimeOrderedIds.now().toString();
        headers.discardAll(HEADER);
        headers.put(HEADER, generated);
        return generated;
    }

    /**
     * Whether a caller-supplied id may be used as is: 1 to {@value #MAX_LENGTH} characters of letters,
     * digits and {@code - _ . : / + = @}, so it is safe in log lines, headers and database columns.
     */
    public static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.:/+=@".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String singleValue(Metadata headers) {
        Iterable<String> values = headers.getAll(HEADER);
        if (values == null) {
            return null;
        }
        var it = values.iterator();
        String first = it.hasNext() ? it.next() : null;
        // Two different ids from one caller are ambiguous: treat as unsafe.
        return it.hasNext() ? null : first;
    }
}
