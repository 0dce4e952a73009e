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
 * {@link io.github.grpcops.requestlog.RequestLogPurger} (purge now) with its
 * {@link io.github.grpcops.requestlog.RequestLogRetention} (how expired rows leave),
 * {@link io.github.grpcops.requestlog.RequestLogProperties},
 * {@link io.github.grpcops.requestlog.RequestLogServerInterceptor} and
 * {@link io.github.grpcops.requestlog.RequestLogAutoConfiguration}. Internal: the batching writer, the
 * JDBC inserter, payload capture, row ids, the writer's meters, the batch delete and the daily partitions
 * ({@code grpc.request-log.partitioning=daily}), and the figures handed to the rollups
 * ({@code io.github.grpcops.requestlog.rollup}).
 */
package io.github.grpcops.requestlog;
