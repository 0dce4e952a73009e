package io.github.grpcops.pipeline;

import java.util.function.Supplier;

import io.github.grpcops.requestid.GrpcRequestId;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.InProcessPipeline;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an observer puts in scope ({@link CallObserver#enter()}) is there while the rest of the pipeline
 * and the service handle the call, on every call type; an observer whose scope fails to open or to close
 * never breaks the call. In-process transport, without Spring.
 */
class CallObserverScopeTest {

    /** The echo service answers {@code mdc} with this MDC entry as it finds it. */
    private static final String KEY = GrpcRequestId.MDC_KEY;

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void theServiceRunsInTheObserversScope(MethodType type) throws Exception {
        assertThat(reply(type, () -> {
            String previous = MDC.get(KEY);
            MDC.put(KEY, "in-scope");
            return () -> {
                if (previous == null) {
                    MDC.remove(KEY);
                }
                else {
                    MDC.put(KEY, previous);
                }
            };
        })).isEqualTo("in-scope");
    }

    @Test
    void aScopeThatFailsToOpenOrCloseLeavesTheCallAlone() throws Exception {
        assertThat(reply(MethodType.BIDI_STREAMING, () -> {
            throw new IllegalStateException("cannot open");
        })).isEqualTo("null");
        assertThat(reply(MethodType.UNARY, () -> () -> {
            throw new IllegalStateException("cannot close");
        })).isEqualTo("null");
    }

    private static String reply(MethodType type, Supplier<CallObserver.Scope> scopes) throws Exception {
        ObservingServerInterceptor scoping = new ObservingServerInterceptor(new InterceptorProperties(0) {
        }) {
            @Override
            protected CallObserver startObserving(CallInfo call, Metadata headers) {
                return new CallObserver() {
                    @Override
                    public Scope enter() {
                        return scopes.get();
                    }

                    @Override
                    public void onFinish(CallOutcome outcome) {
                    }
                };
            }
        };
        try (InProcessPipeline pipeline = InProcessPipeline.of(new EchoTestService(),
                new CallFactsServerInterceptor(ClientIpLookup.PEER), scoping)) {
            EchoCall call = EchoCall.complete(pipeline.channel(), type, null,
                    EchoRequest.newBuilder().setText("mdc").setRepeat(1).build());
            assertThat(call.status().isOk()).as(call.status().toString()).isTrue();
            return call.replies().stream().map(EchoReply::getText).findFirst().orElseThrow();
        }
    }
}
