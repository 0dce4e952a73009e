/**
 * The partitioned request log on PostgreSQL ({@code grpc.request-log.partitioning=daily}): daily
 * partitions created ahead and dropped when expired, by {@link io.github.grpcops.requestlog.partition.DailyPartitions}.
 */
package io.github.grpcops.requestlog.partition;
