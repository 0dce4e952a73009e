/**
 * The adapter to net.devh's grpc-server-spring-boot-starter: the only package that knows it. Its API
 * is {@link io.github.grpcops.netdevh.NetDevhAdapterAutoConfiguration}; everything else is internal and
 * implements the seams of {@link io.github.grpcops.server} (and {@code PipelineInterceptor}
 * registration) with net.devh's mechanisms. See {@code docs/spring-grpc-adapter.md}.
 */
package io.github.grpcops.netdevh;
