/**
 * What grpc-ops writes to the server log on failure paths: repeated identical failures summarised once
 * per interval with a count, and database failures described without the data they carry.
 *
 * <p>API, for failure paths of your own: {@link io.github.grpcops.logging.RepeatedFailureLog} and
 * {@link io.github.grpcops.logging.DatabaseFailureText}. {@link io.github.grpcops.logging.Causes} is
 * grpc-ops' own bounded walk of a cause chain, shared by its packages.
 */
package io.github.grpcops.logging;
