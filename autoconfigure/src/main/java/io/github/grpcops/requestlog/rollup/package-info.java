/**
 * The request log's rollups ({@code grpc_request_stats}): every call counted per minute and hour,
 * service, method, status and gRPC code with a mergeable latency histogram.
 *
 * <p>API: {@link io.github.grpcops.requestlog.rollup.RequestStatsRecorder} (gathers calls in memory, adds
 * them to the table every flush interval) with the {@link io.github.grpcops.requestlog.rollup.CallFigures}
 * it counts, {@link io.github.grpcops.requestlog.rollup.RequestStatsTable} (adds and reads rows) with its
 * {@link io.github.grpcops.requestlog.rollup.RollupKey}, {@link io.github.grpcops.requestlog.rollup.Resolution},
 * {@link io.github.grpcops.requestlog.rollup.RollupFigures},
 * {@link io.github.grpcops.requestlog.rollup.RollupAccumulator} and
 * {@link io.github.grpcops.requestlog.rollup.LatencyHistogram} (percentiles within 1/64 of exact ones),
 * which {@link io.github.grpcops.requestlog.RequestLogStatistics} reads and merges.
 */
package io.github.grpcops.requestlog.rollup;
