/**
 * Brute-force protection before authentication: failed credentials counted per client address, and an
 * address out of its budget refused before its credentials are read.
 *
 * <p>API: {@link io.github.grpcops.auth.bruteforce.BruteForceAutoConfiguration} (configured by
 * {@code grpc.auth.brute-force.*}) and the interceptor's type,
 * {@link io.github.grpcops.auth.bruteforce.BruteForceProtectionServerInterceptor} (its logger names the
 * addresses it refuses).
 */
package io.github.grpcops.auth.bruteforce;
