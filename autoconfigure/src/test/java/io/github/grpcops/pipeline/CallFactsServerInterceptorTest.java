package io.github.grpcops.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.InProcessPipeline;
import io.github.grpcops.test.echo.EchoRequest;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.inprocess.InProcessSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call facts on grpc-java's in-process transport, without Spring: resolved once per call by the
 * outermost interceptor, the same object for every interceptor further in and in every callback.
 */
class CallFactsServerInterceptorTest {

    private static final EchoRequest REQUEST = EchoRequest.newBuilder().setText("hi").setRepeat(1).build();

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void everyInterceptorOfACallSeesTheFactsResolvedOnce(MethodType type) throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        FactsRecorder outer = new FactsRecorder();
        Observing observing = new Observing();
        FactsRecorder inner = new FactsRecorder();
        ClientIpLookup counting = (peer, headers) -> "198.51.100." + lookups.incrementAndGet();
        try (InProcessPipeline pipeline = InProcessPipeline.of(new EchoTestService(),
                new CallFactsServerInterceptor(counting), outer, observing, inner)) {
            EchoCall call = EchoCall.complete(pipeline.channel(), type, null, REQUEST);
            assertThat(call.status().getCode()).isEqualTo(Status.Code.OK);
        }
        assertThat(lookups).as("client IP lookups").hasValue(1);
        CallFacts facts = outer.facts.get(0);
        assertThat(facts.clientIp()).isEqualTo("198.51.100.1");
        assertThat(facts.requestId()).as("a generated id").hasSize(36);
        assertThat(facts.info().fullMethodName()).isEqualTo(EchoCall.method(type).getFullMethodName());
        assertThat(facts.info().type()).isEqualTo(type);
        // At the start and at half-close, outside and inside the observing interceptor: the same facts.
        assertThat(List.of(outer.facts, inner.facts, observing.facts)).allSatisfy(
                seen -> assertThat(seen).isNotEmpty().allSatisfy(f -> assertThat(f).isSameAs(facts)));
        assertThat(observing.infos).singleElement().isSameAs(facts.info());
        CallAttributes attributes = outer.attributes.get(0);
        assertThat(attributes).isNotNull();
        assertThat(inner.attributes).allSatisfy(a -> assertThat(a).isSameAs(attributes));
        // The generated id is written back, so code reading the header finds the same one.
        assertThat(inner.headerIds).allSatisfy(id -> assertThat(id).isEqualTo(facts.requestId()));
    }

    @Test
    void theCallersSaneRequestIdIsKeptAndAnInProcessPeerHasNoClientIp() throws Exception {
        FactsRecorder seen = new FactsRecorder();
        try (InProcessPipeline pipeline = InProcessPipeline.of(new EchoTestService(),
                new CallFactsServerInterceptor(ClientIpLookup.PEER), seen)) {
            EchoCall.complete(pipeline.channel(), MethodType.UNARY, "order-7f3a", REQUEST).status();
        }
        CallFacts facts = seen.facts.get(0);
        assertThat(facts.requestId()).isEqualTo("order-7f3a");
        assertThat(facts.clientIp()).isNull();
        assertThat(facts.info().peer()).isInstanceOf(InProcessSocketAddress.class);
    }

    @Test
    void withoutTheFactsInterceptorTheFirstObservingInterceptorResolvesThemForTheInterceptorsFurtherIn()
            throws Exception {
        Observing observing = new Observing();
        FactsRecorder inner = new FactsRecorder();
        try (InProcessPipeline pipeline = InProcessPipeline.of(new EchoTestService(), observing, inner)) {
            EchoCall.complete(pipeline.channel(), MethodType.BIDI_STREAMING, "given-id", REQUEST).status();
        }
        CallFacts facts = observing.facts.get(0);
        assertThat(facts.requestId()).isEqualTo("given-id");
        assertThat(inner.facts).allSatisfy(f -> assertThat(f).isSameAs(facts));
        assertThat(inner.attributes).allSatisfy(a -> assertThat(a).isNotNull());
    }

    @Test
    void factsAnOuterInterceptorAttachedAreKept() throws Exception {
        FactsRecorder seen = new FactsRecorder();
        try (InProcessPipeline pipeline = InProcessPipeline.of(new EchoTestService(),
                new CallFactsServerInterceptor((peer, headers) -> "192.0.2.1"),
                new CallFactsServerInterceptor((peer, headers) -> "192.0.2.2"), seen)) {
            EchoCall.complete(pipeline.channel(), MethodType.UNARY, null, REQUEST).status();
        }
        assertThat(seen.facts).extracting(CallFacts::clientIp).containsOnly("192.0.2.1");
    }

    @Test
    void theFactsInterceptorIsOutermostOfThePipeline() {
        CallFactsServerInterceptor facts = new CallFactsServerInterceptor(ClientIpLookup.PEER);
        assertThat(facts.getOrder()).isEqualTo(PipelineOrder.CALL_FACTS).isLessThan(PipelineOrder.REQUEST_LOG);
    }

    /** An observing interceptor that records the facts and the call info it is given. */
    private static final class Observing extends ObservingServerInterceptor {

        final List<CallFacts> facts = new CopyOnWriteArrayList<>();

        final List<CallInfo> infos = new CopyOnWriteArrayList<>();

        Observing() {
            super(new InterceptorProperties(0) {
            });
        }

        @Override
        protected CallObserver startObserving(CallInfo call, Metadata headers) {
            this.infos.add(call);
            this.facts.add(CallFacts.current());
            return outcome -> {
            };
        }
    }
}
