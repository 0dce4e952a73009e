package io.github.grpcops.pipeline;

import java.util.function.Supplier;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;

/**
 * Runs a call's start and each of its listener callbacks inside a scope opened for that one event and
 * closed after it. The callbacks run on pooled threads that serve other calls too, so what a call puts on
 * its thread (the MDC, Spring Security's context) is set for each callback and the thread's previous
 * state put back after it, also when the callback throws. For thread state that goes with observing
 * the call (its messages and how it ends), {@link CallObserver#enter()} gives the same scopes through
 * {@link ObservingServerInterceptor}.
 */
public final class ScopedListener<ReqT> extends SimpleForwardingServerCallListener<ReqT> {

    private final Supplier<CallObserver.Scope> scope;

    private ScopedListener(ServerCall.Listener<ReqT> delegate, Supplier<CallObserver.Scope> scope) {
        super(delegate);
        this.scope = scope;
    }

    /** Starts the call with {@code next} inside a scope and returns its listener, each callback in a scope too. */
    public static <ReqT, RespT> ServerCall.Listener<ReqT> startCall(Supplier<CallObserver.Scope> scope,
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        ServerCall.Listener<ReqT> listener;
        try (CallObserver.Scope entered = scope.get()) {
            listener = next.startCall(call, headers);
        }
        return new ScopedListener<>(listener, scope);
    }

    @Override
    public void onMessage(ReqT message) {
        try (CallObserver.Scope entered = this.scope.get()) {
            super.onMessage(message);
        }
    }

    @Override
    public void onHalfClose() {
        try (CallObserver.Scope entered = this.scope.get()) {
            super.onHalfClose();
        }
    }

    @Override
    public void onCancel() {
        try (CallObserver.Scope entered = this.scope.get()) {
            super.onCancel();
        }
    }

    @Override
    public void onComplete() {
        try (CallObserver.Scope entered = this.scope.get()) {
            super.onComplete();
        }
    }

    @Override
    public void onReady() {
        try (CallObserver.Scope entered = this.scope.get()) {
            super.onReady();
        }
    }
}
