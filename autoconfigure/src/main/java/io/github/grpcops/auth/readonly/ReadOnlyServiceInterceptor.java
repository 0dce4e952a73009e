package io.github.grpcops.auth.readonly;

import java.util.function.Supplier;

import io.github.grpcops.auth.ReadOnlyService;
import io.github.grpcops.auth.ServiceImplementations;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.GrpcMethodMatcher;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.pipeline.PipelineOrder;
import io.github.grpcops.pipeline.Refusal;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every callback of a {@link ReadOnlyService} call in its own read-only transaction on the call's
 * thread: the service's method for unary and server-streaming calls, and each request message and the
 * end of the stream for client-streaming and bidi calls. A refused write rolls the transaction back
 * and ends the call with {@code FAILED_PRECONDITION} (reason {@value #REASON}, through the
 * {@link CallRefuser}); later messages and responses of that call are dropped. The transaction always
 * rolls back, so nothing a callback wrote survives. Innermost of the built-ins, so the status is what
 * the outer ones record.
 */
public class ReadOnlyServiceInterceptor extends PipelineInterceptor {

    /** Innermost of grpc-ops' interceptors, still outside the server integration's own (from 0). */
    public static final int ORDER = PipelineOrder.ERROR_MAPPING + 1000;

    static final String READ_ONLY = "This method is read-only: the write was refused and nothing was written";

    static final String REASON = "READ_ONLY_VIOLATION";

    private static final Refusal REFUSED_WRITE = Refusal.of(Status.Code.FAILED_PRECONDITION, READ_ONLY, REASON);

    private final ServiceImplementations services;

    private final TransactionTemplate transactions;

    private final CallRefuser refusals;

    public ReadOnlyServiceInterceptor(ServiceImplementations services, TransactionTemplate readOnlyTransactions,
            CallRefuser refusals) {
        super(GrpcMethodMatcher.all(), ORDER);
        this.services = services;
        this.transactions = readOnlyTransactions;
        this.refusals = refusals;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        Class<?> service = this.services.implementationOf(call.getMethodDescriptor());
        if (service == null || !ReadOnlyService.class.isAssignableFrom(service)) {
            return next.startCall(call, headers);
        }
        GuardedCall<ReqT, RespT> guarded = new GuardedCall<>(call, headers);
        ServerCall.Listener<ReqT> listener = guarded.run(() -> next.startCall(guarded, headers));
        return (listener != null) ? guarded.new GuardedListener(listener) : new ServerCall.Listener<>() {
        };
    }

    private final class GuardedCall<ReqT, RespT> extends SimpleForwardingServerCall<ReqT, RespT> {

        private final Metadata headers;

        private volatile boolean refused;

        GuardedCall(ServerCall<ReqT, RespT> delegate, Metadata headers) {
            super(delegate);
            this.headers = headers;
        }

        /** Runs a callback in a read-only transaction; {@code null} when it attempted a write. */
        <T> T run(Supplier<T> callback) {
            if (this.refused) {
                return null;
            }
            ReadOnlyCalls.enter();
            try {
                return ReadOnlyServiceInterceptor.this.transactions.execute(tx -> {
                    // A read-only call has nothing to commit: rolling back also undoes a write the
                    // database let through (plain JDBC on H2, which treats read-only as a hint).
                    tx.setRollbackOnly();
                    return callback.get();
                });
            }
            catch (RuntimeException ex) {
                if (!ReadOnlyCalls.isRefusedWrite(ex)) {
                    throw ex;
                }
                this.refused = true;
                ReadOnlyServiceInterceptor.this.refusals.close(delegate(), this.headers, REFUSED_WRITE);
                return null;
            }
            finally {
                ReadOnlyCalls.exit();
            }
        }

        @Override
        public void sendMessage(RespT message) {
            if (!this.refused) {
                super.sendMessage(message);
            }
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!this.refused) {
                super.close(status, trailers);
            }
        }

        private final class GuardedListener extends SimpleForwardingServerCallListener<ReqT> {

            GuardedListener(ServerCall.Listener<ReqT> delegate) {
                super(delegate);
            }

            @Override
            public void onMessage(ReqT message) {
                run(() -> {
                    super.onMessage(message);
                    return Boolean.TRUE;
                });
            }

            @Override
            public void onHalfClose() {
                run(() -> {
                    super.onHalfClose();
                    return Boolean.TRUE;
                });
            }
        }
    }
}
