package io.github.grpcops.client;

import java.util.function.Consumer;

import io.github.grpcops.client.test.EchoReply;
import io.github.grpcops.client.test.EchoRequest;
import io.github.grpcops.client.test.EchoServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * The test service: one method per call type. {@code delay_ms} sleeps before answering a request;
 * {@code fail_with} fails the call with that status code name.
 */
class EchoService extends EchoServiceGrpc.EchoServiceImplBase {

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoReply> replies) {
        expand(request.toBuilder().setRepeat(1).build(), replies);
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

    /** One reply with the texts of all requests and their number. */
    @Override
    public StreamObserver<EchoRequest> collect(StreamObserver<EchoReply> replies) {
        StringBuilder text = new StringBuilder();
        int[] count = { 0 };
        return requests(replies, request -> {
            text.append(request.getText());
            count[0]++;
        }, () -> {
            replies.onNext(reply(text.toString(), count[0]));
            replies.onCompleted();
        });
    }

    /** One reply per request, numbered. */
    @Override
    public StreamObserver<EchoRequest> chat(StreamObserver<EchoReply> replies) {
        int[] count = { 0 };
        return requests(replies, request -> replies.onNext(reply(request.getText(), ++count[0])),
                replies::onCompleted);
    }

    /** Hands each request to {@code onRequest} until one fails the call; {@code onEnd} at half-close. */
    private static StreamObserver<EchoRequest> requests(StreamObserver<EchoReply> replies,
            Consumer<EchoRequest> onRequest, Runnable onEnd) {
        return new StreamObserver<>() {
            private boolean failed;

            @Override
            public void onNext(EchoRequest request) {
                this.failed = this.failed || failed(request, replies);
                if (!this.failed) {
                    onRequest.accept(request);
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                if (!this.failed) {
                    onEnd.run();
                }
            }
        };
    }

    private static EchoReply reply(String text, int count) {
        return EchoReply.newBuilder().setText(text).setCount(count).build();
    }

    private static boolean failed(EchoRequest request, StreamObserver<EchoReply> replies) {
        if (request.getDelayMs() > 0) {
            try {
                Thread.sleep(request.getDelayMs());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (request.getFailWith().isEmpty()) {
            return false;
        }
        replies.onError(Status.fromCode(Status.Code.valueOf(request.getFailWith()))
            .withDescription("failed on request")
            .asRuntimeException());
        return true;
    }
}
