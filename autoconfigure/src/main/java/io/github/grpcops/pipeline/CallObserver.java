package io.github.grpcops.pipeline;

/**
 * Receives the events of one call from {@link ObservingServerInterceptor}. Request-side events arrive
 * in order on the call's executor; response-side events on whatever thread the service uses; the two
 * sides may overlap. {@link #onFinish} is called exactly once. An exception thrown here is logged and
 * never reaches the call.
 */
public interface CallObserver {

    /** A request message arrived; {@code serializedSize} is 0 for non-protobuf messages. */
    default void onMessageIn(long serializedSize) {
    }

    /** A response message is being sent. */
    default void onMessageOut(long serializedSize) {
    }

    /**
     * A request message arrived, with the message itself for observers that look inside (payload
     * capture); the default reports only its size. Never keep more messages than needed: streams are long.
     */
    default void onMessageIn(Object message, long serializedSize) {
        onMessageIn(serializedSize);
    }

    /** A response message is being sent, with the message itself; the default reports only its size. */
    default void onMessageOut(Object message, long serializedSize) {
        onMessageOut(serializedSize);
    }

    /** The client finished sending. */
    default void onHalfClose() {
    }

    /** The call ended, for whatever reason. */
    void onFinish(CallOutcome outcome);

    /**
     * Called as the pipeline further in takes over one event of the call (its start, each listener
     * callback); the scope returned is closed when it is done. For what must be current while the rest of
     * the call runs, such as a tracing span and the MDC; the default puts nothing in scope.
     */
    default Scope enter() {
        return Scope.NONE;
    }

    /** What {@link #enter()} put in scope, undone by {@link #close()}. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {

        /** Puts nothing in scope. */
        Scope NONE = () -> {
        };

        @Override
        void close();
    }
}
