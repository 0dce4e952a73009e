/**
 * The interceptor pipeline's core, which every capability builds on.
 *
 * <p>API: {@link io.github.grpcops.pipeline.PipelineInterceptor} and
 * {@link io.github.grpcops.pipeline.ObservingServerInterceptor} (bases for your own interceptors) with
 * {@link io.github.grpcops.pipeline.CallObserver}, {@link io.github.grpcops.pipeline.CallInfo},
 * {@link io.github.grpcops.pipeline.CallOutcome} and {@link io.github.grpcops.pipeline.CallResult};
 * {@link io.github.grpcops.pipeline.PipelineOrder}; what a call carries
 * ({@link io.github.grpcops.pipeline.CallFacts}, {@link io.github.grpcops.pipeline.CallAttributes},
 * resolved by {@link io.github.grpcops.pipeline.CallFactsServerInterceptor}); the one refusal path
 * ({@link io.github.grpcops.pipeline.CallRefuser}, {@link io.github.grpcops.pipeline.Refusal});
 * {@link io.github.grpcops.pipeline.ClientIpLookup}, {@link io.github.grpcops.pipeline.RequestIds} (ids from
 * {@link io.github.grpcops.pipeline.TimeOrderedIds}),
 * {@link io.github.grpcops.pipeline.GrpcMethodMatcher} with
 * {@link io.github.grpcops.pipeline.InterceptorProperties} (the switches every built-in shares) and
 * {@link io.github.grpcops.pipeline.PipelineAutoConfiguration}; what the transport reported about a
 * call's stream ({@link io.github.grpcops.pipeline.TransportReport}, for a stream tracer to fill in);
 * thread-bound state for each of a call's callbacks ({@link io.github.grpcops.pipeline.ScopedListener},
 * {@link io.github.grpcops.pipeline.MdcScope}).
 * Internal: the wrapper that observes a call.
 */
package io.github.grpcops.pipeline;
