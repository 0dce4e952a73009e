/**
 * Bucket4j rate limits per method and caller, in memory or in a PostgreSQL table shared by every
 * instance. API: {@link io.github.grpcops.ratelimit.RateLimitProperties},
 * {@link io.github.grpcops.ratelimit.RateLimitServerInterceptor} and
 * {@link io.github.grpcops.ratelimit.RateLimitAutoConfiguration}. Internal: the rules per method and the
 * bucket table's clean-up.
 */
package io.github.grpcops.ratelimit;
