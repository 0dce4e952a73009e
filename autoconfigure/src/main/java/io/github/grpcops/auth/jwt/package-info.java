/**
 * JWT bearer tokens. API: {@link io.github.grpcops.auth.jwt.JwtAuthAutoConfiguration} (configured by
 * {@code grpc.auth.jwt.*}); the authenticator and its verification key are internal.
 */
package io.github.grpcops.auth.jwt;
