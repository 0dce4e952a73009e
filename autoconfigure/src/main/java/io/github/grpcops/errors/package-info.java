/**
 * Exceptions thrown by service code become statuses with {@code google.rpc} details.
 *
 * <p>API: {@link io.github.grpcops.errors.GrpcExceptionMapper} beans (yours are asked before the
 * built-ins) answering {@link io.github.grpcops.errors.GrpcError}s,
 * {@link io.github.grpcops.errors.GrpcErrorMapper} (a bean of your own replaces the whole table),
 * {@link io.github.grpcops.errors.ErrorMappingProperties},
 * {@link io.github.grpcops.errors.DatabaseUnavailableMapper} (database outages, with its reason),
 * {@link io.github.grpcops.errors.ErrorMappingServerInterceptor} and
 * {@link io.github.grpcops.errors.ErrorMappingAutoConfiguration}. Internal: the built-in mappers (status
 * exceptions, illegal arguments, constraint violations, tables of exception types).
 */
package io.github.grpcops.errors;
