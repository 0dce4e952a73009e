/**
 * The request log's rollups ({@code grpc_request_stats}): every call counted per minute and hour,
 * service, method, status and gRPC code with a mergeable {@link io.github.grpcops.requestlog.rollup.LatencyHistogram},
 * gathered in memory by {@link io.github.grpcops.requestlog.rollup.RequestStatsRecorder} and added
 * to the table by {@link io.github.grpcops.requestlog.rollup.RequestStatsTable}. The statistics read them.
 */
package io.github.grpcops.requestlog.rollup;
