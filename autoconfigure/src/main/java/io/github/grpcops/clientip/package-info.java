/**
 * The client's IP address behind trusted proxies ({@code grpc.client-ip.trusted-proxies}). API:
 * {@link io.github.grpcops.clientip.ClientIpProperties} and
 * {@link io.github.grpcops.clientip.ClientIpAutoConfiguration}; the resolver is internal, reached through
 * {@link io.github.grpcops.pipeline.ClientIpLookup} (a bean of your own replaces it).
 */
package io.github.grpcops.clientip;
