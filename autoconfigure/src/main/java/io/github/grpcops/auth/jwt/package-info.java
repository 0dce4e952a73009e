/**
 * JWT bearer tokens, with keys configured (a secret or a public key) or fetched from the identity
 * provider (a JWK Set, found by OpenID discovery or configured).
 *
 * <p>API: {@link io.github.grpcops.auth.jwt.JwtAuthAutoConfiguration} (configured by
 * {@code grpc.auth.jwt.*}), {@link io.github.grpcops.auth.jwt.VerificationKeys} (a bean of your own
 * replaces where keys come from), {@link io.github.grpcops.auth.jwt.InvalidJwtPropertiesException} (what
 * every check of the properties throws) and {@link io.github.grpcops.auth.jwt.JwtClaims} (claims to caller,
 * shared with the Spring Security bridge). Internal: the authenticator, the configured key, the JWK Set's
 * keys and its HTTP client.
 */
package io.github.grpcops.auth.jwt;
