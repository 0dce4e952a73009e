/**
 * Every call persisted, off the call's thread.
 *
 * <p>API: the entity {@link io.github.grpcops.requestlog.GrpcRequestLog} and its
 * {@link io.github.grpcops.requestlog.GrpcRequestLogRepository} (to query),
 * {@link io.github.grpcops.requestlog.RequestLogStatistics}, {@link io.github.grpcops.requestlog.InFlightCalls},
 * {@link io.github.grpcops.requestlog.RequestLogWriter} (a bean of your own replaces the writer) with the
 * row it receives ({@link io.github.grpcops.requestlog.RequestLogEntry},
 * {@link io.github.grpcops.requestlog.RequestLogColumn}) and its
 * {@link io.github.grpcops.requestlog.RequestLogWriterCounts},
 * {@link io.github.grpcops.requestlog.RequestLogPurger} (purge now),
 * {@link io.github.grpcops.requestlog.RequestLogProperties},
 * {@link io.github.grpcops.requestlog.RequestLogServerInterceptor} and
 * {@link io.github.grpcops.requestlog.RequestLogAutoConfiguration}. Internal: the batching writer, the
 * JDBC inserter, payload capture, row ids and the writer's meters.
 */
package io.github.grpcops.requestlog;
