package io.github.grpcops.requestlog;

/**
 * Column lengths of {@code grpc_request_log} (see the schema scripts), and the fitting of values into
 * them: an over-long method name or user agent is truncated rather than failing the insert, which in
 * a batch would take every other row down with it.
 */
final class RequestLogColumns {

    static final int REQUEST_ID = 128;

    static final int SERVICE = 255;

    static final int METHOD = 255;

    static final int FULL_METHOD = 512;

    static final int CALL_TYPE = 32;

    static final int STATUS = 16;

    static final int GRPC_STATUS = 32;

    static final int CLIENT_IP = 64;

    static final int USER_AGENT = 512;

    static final int PEER = 255;

    static final int PRINCIPAL = 255;

    static final int AUTH_METHOD = 32;

    static final int API_KEY_ID = 64;

    static final int ERROR_MESSAGE = 1000;

    private RequestLogColumns() {
    }

    /**
     * {@code value} cut to {@code length} characters (ending in an ellipsis when cut), with NUL
     * characters removed: PostgreSQL rejects them in text columns.
     */
    static String fit(String value, int length) {
        if (value == null) {
            return null;
        }
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
}
