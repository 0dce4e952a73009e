package io.github.grpcops.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shared call-observation wrapper over a real Netty server: what it reports for each call type
 * and each way a call can end.
 */
@EchoServerTest(properties = "grpc.errors.enabled=false")
@Import(CallObservationTest.Recorder.class)
class CallObservationTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    Recorder recorder;

    ManagedChannel channel;

    @BeforeEach
    void connect() {
        this.channel = this.client.channel();
        this.recorder.outcomes.clear();
    }

    @Test
    void unaryReportsOneMessageEachWayWithSerializedSizes() throws Exception {
        EchoRequest request = EchoCalls.text("hello");
        EchoReply reply = EchoServiceGrpc.newBlockingStub(this.channel).echo(request);
        CallOutcome outcome = this.recorder.next();
        assertThat(outcome.info().fullMethodName()).isEqualTo("grpcops.test.v1.EchoService/Echo");
        assertThat(outcome.info().serviceName()).isEqualTo("grpcops.test.v1.EchoService");
        assertThat(outcome.info().methodName()).isEqualTo("Echo");
        assertThat(outcome.info().type()).isEqualTo(MethodType.UNARY);
        assertThat(outcome.info().peer().toString()).contains("127.0.0.1");
        assertThat(outcome.info().userAgent()).startsWith("grpc-java");
        assertThat(outcome.ending()).isEqualTo(CallOutcome.Ending.CLOSED);
        assertThat(outcome.result()).isEqualTo(CallResult.SUCCESS);
        assertThat(outcome.messagesIn()).isEqualTo(1);
        assertThat(outcome.bytesIn()).isEqualTo(request.getSerializedSize());
        assertThat(outcome.messagesOut()).isEqualTo(1);
        assertThat(outcome.bytesOut()).isEqualTo(reply.getSerializedSize());
        assertThat(outcome.durationNanos()).isPositive();
    }

    @Test
    void clientStreamingCountsEveryRequest() throws Exception {
        List<EchoRequest> requests = IntStream.range(0, 5).mapToObj(i -> EchoCalls.text("m" + i)).toList();
        EchoReply reply = EchoCalls.collect(this.channel, requests);
        assertThat(reply.getCount()).isEqualTo(5);
        CallOutcome outcome = this.recorder.next();
        assertThat(outcome.info().type()).isEqualTo(MethodType.CLIENT_STREAMING);
        assertThat(outcome.messagesIn()).isEqualTo(5);
        assertThat(outcome.bytesIn()).isEqualTo(requests.stream().mapToLong(EchoRequest::getSerializedSize).sum());
        assertThat(outcome.messagesOut()).isEqualTo(1);
        assertThat(outcome.result()).isEqualTo(CallResult.SUCCESS);
    }

    @Test
    void serverStreamingCountsEveryReply() throws Exception {
        Iterator<EchoReply> replies = EchoServiceGrpc.newBlockingStub(this.channel)
            .expand(EchoRequest.newBuilder().setText("x").setRepeat(7).build());
        long bytes = 0;
        int count = 0;
        while (replies.hasNext()) {
            bytes += replies.next().getSerializedSize();
            count++;
        }
        CallOutcome outcome = this.recorder.next();
        assertThat(outcome.info().type()).isEqualTo(MethodType.SERVER_STREAMING);
        assertThat(outcome.messagesOut()).isEqualTo(count).isEqualTo(7);
        assertThat(outcome.bytesOut()).isEqualTo(bytes);
    }

    @Test
    void longBidiStreamIsCountedWithoutBuffering() throws Exception {
        List<EchoRequest> requests = IntStream.range(0, 10_000).mapToObj(i -> EchoCalls.text("m" + i)).toList();
        List<EchoReply> replies = EchoCalls.chat(this.channel, requests);
        assertThat(replies).hasSize(10_000);
        CallOutcome outcome = this.recorder.next();
        assertThat(outcome.info().type()).isEqualTo(MethodType.BIDI_STREAMING);
        assertThat(outcome.messagesIn()).isEqualTo(10_000);
        assertThat(outcome.messagesOut()).isEqualTo(10_000);
        // Every message was reported as it passed, not after the stream ended.
        assertThat(this.recorder.messagesInSeen).hasValueGreaterThanOrEqualTo(10_000);
    }

    @Test
    void errorStatusIsReportedAsClosedWithThatStatus() throws Exception {
        assertThatExceptionOfType(StatusRuntimeException.class)
            .isThrownBy(() -> EchoServiceGrpc.newBlockingStub(this.channel)
                .echo(EchoRequest.newBuilder().setFailWith("NOT_FOUND").build()))
            .satisfies(ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        CallOutcome outcome = this.recorder.next();
        assertThat(outcome.ending()).isEqualTo(CallOutcome.Ending.CLOSED);
        assertThat(outcome.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(outcome.result()).isEqualTo(CallResult.ERROR);
    }

    @Test
    void exceptionEscapingTheServiceIsReportedAsFailedWithWhatTheClientGets() throws Exception {
        assertThatExceptionOfType(StatusRuntimeException.class)
            .isThrownBy(() -> EchoServiceGrpc.newBlockingStub(this.channel)
                .echo(EchoRequest.newBuilder().setFailWith("THROW").build()))
            .satisfies(ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN));
        CallOutcome outcome = this.recorder.next();
        assertThat(outcome.ending()).isEqualTo(CallOutcome.Ending.FAILED);
        assertThat(outcome.status().getCode()).isEqualTo(Status.Code.UNKNOWN);
        assertThat(outcome.result()).isEqualTo(CallResult.ERROR);
    }

    @Test
    void deadlinePassingWhileTheServiceWorksIsATimeout() throws Exception {
        assertThatExceptionOfType(StatusRuntimeException.class)
            .isThrownBy(() -> EchoServiceGrpc.newBlockingStub(this.channel)
                .withDeadlineAfter(150, TimeUnit.MILLISECONDS)
                .echo(EchoRequest.newBuilder().setText("slow").setDelayMs(600).build()))
            .satisfies(ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        CallOutcome outcome = this.recorder.next();
        assertThat(outcome.ending()).isEqualTo(CallOutcome.Ending.DEADLINE_EXCEEDED);
        assertThat(outcome.result()).isEqualTo(CallResult.TIMEOUT);
        assertThat(outcome.info().deadline()).isNotNull();
    }

    @Test
    void clientCancellingMidStreamIsReportedAsCancelled() throws Exception {
        CountDownLatch firstReply = new CountDownLatch(1);
        List<ClientCallStreamObserver<EchoRequest>> requests = new ArrayList<>();
        EchoServiceGrpc.newStub(this.channel).chat(new ClientResponseObserver<EchoRequest, EchoReply>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<EchoRequest> stream) {
                requests.add(stream);
            }

            @Override
            public void onNext(EchoReply value) {
                firstReply.countDown();
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        }).onNext(EchoCalls.text("first"));
        assertThat(firstReply.await(10, TimeUnit.SECONDS)).isTrue();
        requests.get(0).cancel("client changed its mind", null);
        CallOutcome outcome = this.recorder.next();
        assertThat(outcome.ending()).isEqualTo(CallOutcome.Ending.CANCELLED);
        assertThat(outcome.result()).isEqualTo(CallResult.CANCELLED);
        assertThat(outcome.messagesIn()).isEqualTo(1);
        assertThat(outcome.messagesOut()).isEqualTo(1);
    }

    @Test
    void observerThatThrowsNeverBreaksTheCall() {
        this.recorder.explode = true;
        try {
            EchoReply reply = EchoServiceGrpc.newBlockingStub(this.channel).echo(EchoCalls.text("still fine"));
            assertThat(reply.getText()).isEqualTo("still fine");
        }
        finally {
            this.recorder.explode = false;
        }
    }

    /** Records what the wrapper reports, for the echo service only. */
    @TestConfiguration
    static class Recorder {

        final BlockingQueue<CallOutcome> outcomes = new LinkedBlockingQueue<>();

        final java.util.concurrent.atomic.AtomicLong messagesInSeen = new java.util.concurrent.atomic.AtomicLong();

        volatile boolean explode;

        CallOutcome next() throws InterruptedException {
            CallOutcome outcome = this.outcomes.poll(10, TimeUnit.SECONDS);
            assertThat(outcome).as("a call outcome").isNotNull();
            return outcome;
        }

        @Bean
        @GrpcGlobalServerInterceptor
        ObservingServerInterceptor recordingInterceptor() {
            InterceptorProperties properties = new InterceptorProperties(0) {
            };
            properties.setIncludeMethods(List.of("grpcops.test.v1.EchoService/*"));
            return new ObservingServerInterceptor(properties) {
                @Override
                protected CallObserver startObserving(CallInfo call, Metadata headers) {
                    return new CallObserver() {
                        @Override
                        public void onMessageIn(long serializedSize) {
                            Recorder.this.messagesInSeen.incrementAndGet();
                            if (Recorder.this.explode) {
                                throw new IllegalStateException("observer bug");
                            }
                        }

                        @Override
                        public void onFinish(CallOutcome outcome) {
                            Recorder.this.outcomes.add(outcome);
                            if (Recorder.this.explode) {
                                throw new IllegalStateException("observer bug");
                            }
                        }
                    };
                }
            };
        }
    }
}
