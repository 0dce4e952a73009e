package io.github.grpcops.auth;

/**
 * Marks a service whose methods run in a read-only transaction: every callback of the call (the whole
 * method for unary and server-streaming calls; each request message and the end of the stream for
 * client-streaming and bidi calls) runs in its own read-only transaction on the call's thread. A
 * write attempt rolls back and ends the call with {@code FAILED_PRECONDITION}; nothing is written.
 * Work the service hands to other threads is outside the transaction.
 */
public interface ReadOnlyService extends BaseGrpcService {
}
