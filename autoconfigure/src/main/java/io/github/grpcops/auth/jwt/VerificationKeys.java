package io.github.grpcops.auth.jwt;

import java.security.Key;

import io.github.grpcops.auth.GrpcAuthProperties;
import io.jsonwebtoken.JwsHeader;

import org.springframework.util.StringUtils;

/**
 * Where the keys that verify bearer tokens come from: fixed at start-up ({@link JwtVerificationKey}: a
 * secret or a public key) or fetched from the identity provider ({@link JwkSetKeys}). A key is chosen by
 * the token's {@code alg} and {@code kid} only: the {@code jku}, {@code x5u}, {@code jwk} and {@code x5c}
 * headers a token may carry are never followed nor used.
 */
public interface VerificationKeys {

    /**
     * The key that verifies a token with this header.
     * @throws io.jsonwebtoken.UnsupportedJwtException when its algorithm is not accepted
     * @throws io.github.grpcops.auth.AuthenticationFailedException when no key fits it
     * @throws io.github.grpcops.auth.AuthenticationUnavailableException when the keys cannot be fetched now
     */
    Key keyFor(JwsHeader header);

    /** Whether a key found earlier still verifies tokens: one the identity provider stopped publishing does not. */
    default boolean trusts(Key key) {
        return true;
    }

    /**
     * The keys {@code grpc.auth.jwt.*} describe, checked: exactly one source (secret, public key, or
     * jwk-set-uri / issuer-uri), algorithms that fit it, an issuer that agrees with issuer-uri. Every
     * problem is an {@link InvalidJwtPropertiesException} naming the property.
     * @return the keys, or {@code null} when no source is configured
     */
    static VerificationKeys from(GrpcAuthProperties.Jwt properties) {
        boolean secret = StringUtils.hasLength(properties.getSecret());
        boolean publicKey = properties.getPublicKey() != null;
        boolean remote = StringUtils.hasText(properties.getJwkSetUri()) || StringUtils.hasText(properties.getIssuerUri());
        if ((secret ? 1 : 0) + (publicKey ? 1 : 0) + (remote ? 1 : 0) > 1) {
            throw new InvalidJwtPropertiesException("grpc.auth.jwt", "Set either grpc.auth.jwt.secret (HMAC), "
                    + "grpc.auth.jwt.public-key (RSA/EC) or grpc.auth.jwt.jwk-set-uri / issuer-uri (keys from the "
                    + "identity provider), not several");
        }
        if (StringUtils.hasText(properties.getIssuerUri()) && StringUtils.hasText(properties.getIssuer())
                && !properties.getIssuer().equals(properties.getIssuerUri())) {
            throw new InvalidJwtPropertiesException("grpc.auth.jwt.issuer", "grpc.auth.jwt.issuer ("
                    + properties.getIssuer() + ") differs from grpc.auth.jwt.issuer-uri (" + properties.getIssuerUri()
                    + "), whose tokens carry the issuer-uri as \"iss\"; leave grpc.auth.jwt.issuer unset");
        }
        if (remote) {
            return JwkSetKeys.from(properties);
        }
        return JwtVerificationKey.from(properties);
    }

    /** The "iss" tokens must carry: grpc.auth.jwt.issuer, else the issuer-uri, else none. */
    static String expectedIssuer(GrpcAuthProperties.Jwt properties) {
        return StringUtils.hasText(properties.getIssuer()) ? properties.getIssuer()
                : StringUtils.hasText(properties.getIssuerUri()) ? properties.getIssuerUri() : null;
    }
}
