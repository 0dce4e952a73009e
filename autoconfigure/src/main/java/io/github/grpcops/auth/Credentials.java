package io.github.grpcops.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.List;

import io.grpc.Metadata;

/**
 * The headers credentials come in, and checks shared by the credential readers.
 */
public final class Credentials {

    public static final Metadata.Key<String> AUTHORIZATION = header("authorization");

    private static final String BEARER = "bearer ";

    public static final Metadata.Key<String> API_KEY = header("x-api-key");

    public static final Metadata.Key<String> INTERNAL_KEY = header("x-internal-key");

    /** Every credential header: one presented where that kind is off is refused, not ignored. */
    static final List<Metadata.Key<String>> HEADERS = List.of(AUTHORIZATION, API_KEY, INTERNAL_KEY);

    private Credentials() {
    }

    /** Whether the call carries any credential header, of a kind that is enabled or not. */
    public static boolean anyPresent(Metadata headers) {
        for (Metadata.Key<String> header : HEADERS) {
            if (headers.containsKey(header)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The one value of a credential header; two values are ambiguous (which one did a proxy add?) and
     * rejected, as is an empty one.
     */
    public static String single(Iterable<String> values, String what) {
        Iterator<String> it = (values != null) ? values.iterator() : null;
        if (it == null || !it.hasNext()) {
            throw new AuthenticationFailedException(what + " header is missing");
        }
        String value = it.next();
        if (it.hasNext()) {
            throw new AuthenticationFailedException("more than one " + what + " header");
        }
        if (value == null || value.isBlank()) {
            throw new AuthenticationFailedException(what + " is empty");
        }
        return value;
    }

    /**
     * The token of the one {@code authorization: Bearer <token>} header (scheme case-insensitive), refused
     * when the scheme is another, the token empty or longer than {@code maxLength} (before any parsing).
     */
    public static String bearerToken(Metadata headers, int maxLength) {
        String value = single(headers.getAll(AUTHORIZATION), "authorization");
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AuthenticationFailedException("authorization scheme is not Bearer, or the token is empty");
        }
        String token = value.substring(BEARER.length()).trim();
        if (token.isEmpty() || token.length() > maxLength) {
            throw new AuthenticationFailedException("token is empty or longer than " + maxLength + " characters");
        }
        return token;
    }

    /** SHA-256 of the UTF-8 bytes: how credentials are compared and stored, never as they are. */
    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JVM", ex);
        }
    }

    private static Metadata.Key<String> header(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
