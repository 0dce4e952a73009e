/**
 * One log line when a call starts and one when it ends. API:
 * {@link io.github.grpcops.consolelog.ConsoleLogProperties},
 * {@link io.github.grpcops.consolelog.ConsoleLogServerInterceptor} (a bean of your own replaces it) and
 * {@link io.github.grpcops.consolelog.ConsoleLogAutoConfiguration}.
 */
package io.github.grpcops.consolelog;
