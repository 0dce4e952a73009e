package io.github.grpcops.test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.requestid.GrpcRequestId;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.github.grpcops.tracing.ServerCallTraceParentSource;
import io.github.grpcops.tracing.TracingServerInterceptor;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;
import org.slf4j.MDC;

/**
 * One method per call type. Text {@code mdc} is answered with the request id the MDC holds in the
 * callback that replies, {@code mdc-trace} with its trace and span ids, {@code traceparent-out} with the
 * {@code traceparent} a call made there would carry on. {@code delay_ms} waits before answering (less if
 * a call without a deadline is cancelled); {@code fail_with} fails the call with that status code name,
 * or throws an unmapped exception when it is {@code THROW}.
 */
@GrpcService
public class EchoTestService extends EchoServiceGrpc.EchoServiceImplBase {

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoReply> replies) {
        if (failed(request, replies)) {
            return;
        }
        replies.onNext(reply(request.getText(), 1));
        replies.onCompleted();
    }

    @Override
    public StreamObserver<EchoRequest> collect(StreamObserver<EchoReply> replies) {
        return new StreamObserver<>() {
            private final StringBuilder text = new StringBuilder();

            private int count;

            private boolean failed;

            @Override
            public void onNext(EchoRequest request) {
                if (this.failed || (this.failed = failed(request, replies))) {
                    return;
                }
                this.count++;
                this.text.append(request.getText());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                if (this.failed) {
                    return;
                }
                replies.onNext(reply(this.text.toString(), this.count));
                replies.onCompleted();
            }
        };
    }

    @Override
    public void expand(EchoRequest request, StreamObserver<EchoReply> replies) {
        if (failed(request, replies)) {
            return;
        }
        for (int i = 1; i <= request.getRepeat(); i++) {
            replies.onNext(reply(request.getText(), i));
        }
        replies.onCompleted();
    }

    @Override
    public StreamObserver<EchoRequest> chat(StreamObserver<EchoReply> replies) {
        return new StreamObserver<>() {
            private int count;

            private boolean failed;

            @Override
            public void onNext(EchoRequest request) {
                if (!this.failed && !(this.failed = failed(request, replies))) {
                    replies.onNext(reply(request.getText(), ++this.count));
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                if (!this.failed) {
                    replies.onCompleted();
                }
            }
        };
    }

    private static EchoReply reply(String text, int count) {
        String requestId = GrpcRequestId.current();
        String replyText = switch (text) {
            // the request id as the logging MDC holds it in the service callback that replies
            case "mdc" -> String.valueOf(MDC.get(GrpcRequestId.MDC_KEY));
            // the trace as the MDC holds it there: "traceId spanId"
            case "mdc-trace" -> MDC.get(TracingServerInterceptor.MDC_TRACE_ID) + " "
                    + MDC.get(TracingServerInterceptor.MDC_SPAN_ID);
            // what a call made from here would send as its traceparent
            case "traceparent-out" -> String.valueOf(new ServerCallTraceParentSource().current());
            default -> text;
        };
        return EchoReply.newBuilder()
            .setText(replyText)
            .setCount(count)
            .setRequestId(requestId == null ? "" : requestId)
            .build();
    }

    private static boolean failed(EchoRequest request, StreamObserver<EchoReply> replies) {
        sleep(request.getDelayMs());
        if (request.getFailWith().isEmpty()) {
            return false;
        }
        if (request.getFailWith().equals("THROW")) {
            throw new IllegalStateException("boom with secret s3cr3t-value");
        }
        replies.onError(Status.fromCode(Status.Code.valueOf(request.getFailWith()))
            .withDescription("failed on request")
            .asRuntimeException());
        return true;
    }

    /**
     * Waits {@code millis}, or less when a call without a deadline is cancelled meanwhile, as a service
     * that stops working for a caller who has gone would; what follows (the replies, the close) still
     * runs on the cancelled call. Cancellation tests so need not outwait the delay: the call's last
     * events are delivered only once this handler returns. A call with a deadline waits it all, as a
     * service unaware of deadlines would: the client's cancellation at its deadline can reach the server
     * before the server's own copy of the deadline passes, and the tests of deadlines check what the
     * server records once its deadline has passed, the call's duration included.
     */
    private static void sleep(int millis) {
        if (millis <= 0) {
            return;
        }
        Context call = Context.current();
        CountDownLatch cancelled = new CountDownLatch(1);
        Context.CancellationListener wake = context -> cancelled.countDown();
        if (call.getDeadline() == null) {
            call.addListener(wake, Runnable::run);
        }
        try {
            cancelled.await(millis, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            call.removeListener(wake);
        }
    }
}
