package io.github.grpcops.auth.jwt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.grpcops.auth.GrpcAuthProperties;

/**
 * Fetches the identity provider's JWK Set over HTTPS: from {@code jwk-set-uri}, or from the
 * {@code jwks_uri} of the OpenID discovery document at {@code issuer-uri} (whose {@code issuer} must be
 * that URI exactly). Only the configured URIs are ever requested, never one a token names; redirects
 * are not followed (one could lead to plain http); connecting and each read are bounded by the
 * timeouts, the whole answer by twice the read timeout, and an answer larger than {@code max-size} is
 * refused.
 */
final class JwkSetClient implements JwkSetKeys.Source {

    private final URI jwkSetUri;

    private final URI issuerUri;

    private final boolean allowHttp;

    private final int connectTimeoutMillis;

    private final int readTimeoutMillis;

    private final long maxBytes;

    /** The JWK Set's URI, once known: configured, or found by discovery (kept: it does not move). */
    private volatile URI keysAt;

    JwkSetClient(URI jwkSetUri, URI issuerUri, GrpcAuthProperties.RemoteKeys settings) {
        this.jwkSetUri = jwkSetUri;
        this.issuerUri = issuerUri;
        this.allowHttp = settings.isAllowHttp();
        this.connectTimeoutMillis = Math.toIntExact(settings.getConnectTimeout().toMillis());
        this.readTimeoutMillis = Math.toIntExact(settings.getReadTimeout().toMillis());
        this.maxBytes = settings.getMaxSize().toBytes();
        this.keysAt = jwkSetUri;
    }

    @Override
    public String fetch() throws IOException {
        URI uri = this.keysAt;
        if (uri == null) {
            uri = discover();
            this.keysAt = uri;
        }
        return get(uri);
    }

    @Override
    public String toString() {
        return (this.jwkSetUri != null) ? this.jwkSetUri.toString()
                : "the JWK Set of issuer " + this.issuerUri + ((this.keysAt != null) ? " at " + this.keysAt : "");
    }

    private URI discover() throws IOException {
        URI document = URI.create(withoutTrailingSlash(this.issuerUri.toString()) + "/.well-known/openid-configuration");
        JsonObject configuration;
        try {
            JsonElement parsed = JsonParser.parseString(get(document));
            if (!parsed.isJsonObject()) {
                throw new IOException(document + " is not a JSON object");
            }
            configuration = parsed.getAsJsonObject();
        }
        catch (JsonParseException ex) {
            throw new IOException(document + " is not JSON", ex);
        }
        String issuer = string(configuration, "issuer");
        if (!this.issuerUri.toString().equals(issuer)) {
            throw new IOException("the discovery document names issuer " + issuer
                    + ", not grpc.auth.jwt.issuer-uri " + this.issuerUri);
        }
        String jwksUri = string(configuration, "jwks_uri");
        if (jwksUri == null) {
            throw new IOException("the discovery document " + document + " has no jwks_uri");
        }
        URI uri;
        try {
            uri = URI.create(jwksUri);
        }
        catch (IllegalArgumentException ex) {
            throw new IOException("the discovery document's jwks_uri is not a URI", ex);
        }
        if (!uri.isAbsolute() || uri.getHost() == null || !allowedScheme(uri.getScheme(), this.allowHttp)) {
            throw new IOException("the discovery document's jwks_uri " + jwksUri + " is not an absolute https URL");
        }
        return uri;
    }

    private String get(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(this.connectTimeoutMillis);
            connection.setReadTimeout(this.readTimeoutMillis);
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException(uri + " answered HTTP " + status
                        + ((status / 100 == 3) ? " (redirects are not followed)" : ""));
            }
            if (connection.getContentLengthLong() > this.maxBytes) {
                throw new IOException(uri + " sent " + connection.getContentLengthLong()
                        + " bytes, more than grpc.auth.jwt.jwks.max-size (" + this.maxBytes + " bytes)");
            }
            return new String(read(uri, connection.getInputStream()), StandardCharsets.UTF_8);
        }
        finally {
            connection.disconnect();
        }
    }

    /** The body, at most max-size bytes, within twice the read timeout however slowly it trickles in. */
    private byte[] read(URI uri, InputStream body) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMillis(2L * this.readTimeoutMillis).toNanos();
        try (InputStream in = body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1;) {
                out.write(buffer, 0, n);
                if (out.size() > this.maxBytes) {
                    throw new IOException(uri + " sent more than grpc.auth.jwt.jwks.max-size (" + this.maxBytes
                            + " bytes)");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(uri + " took longer than twice grpc.auth.jwt.jwks.read-timeout to answer");
                }
            }
            return out.toByteArray();
        }
    }

    private static String string(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) ? value.getAsString()
                : null;
    }

    static boolean allowedScheme(String scheme, boolean allowHttp) {
        return "https".equalsIgnoreCase(scheme) || (allowHttp && "http".equalsIgnoreCase(scheme));
    }

    private static String withoutTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
