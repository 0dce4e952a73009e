/**
 * Client certificates as callers: with mutual TLS, the certificate the handshake verified names a call
 * that presents no credential header.
 *
 * <p>API: {@link io.github.grpcops.auth.mtls.MtlsAuthAutoConfiguration} (configured by
 * {@code grpc.auth.mtls.*}) and the authenticator's type,
 * {@link io.github.grpcops.auth.mtls.ClientCertificateAuthenticator}.
 */
package io.github.grpcops.auth.mtls;
