/**
 * Read-only services ({@link io.github.grpcops.auth.ReadOnlyService}) run in read-only transactions.
 * API: {@link io.github.grpcops.auth.readonly.ReadOnlyServiceInterceptor} (a bean of your own replaces it)
 * and {@link io.github.grpcops.auth.readonly.ReadOnlyServiceAutoConfiguration}; the thread marker and
 * Hibernate statement inspector are internal.
 */
package io.github.grpcops.auth.readonly;
