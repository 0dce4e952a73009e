/**
 * What grpc-ops writes to the server log on failure paths: repeated identical failures summarised once
 * per interval with a count ({@link io.github.grpcops.logging.RepeatedFailureLog}), and database failures
 * described without the data they carry ({@link io.github.grpcops.logging.DatabaseFailureText}).
 */
package io.github.grpcops.logging;
