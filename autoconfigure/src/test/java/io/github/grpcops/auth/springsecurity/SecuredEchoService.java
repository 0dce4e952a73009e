package io.github.grpcops.auth.springsecurity;

import java.util.ArrayList;
import java.util.List;

import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One method per call type under method security, each answering with the name of the
 * {@code SecurityContext}'s authentication as every callback of the call saw it: unary open to all,
 * server streaming for staff, client streaming for superusers ({@code @Secured}), bidi for holders of
 * {@code reports:read}.
 */
@GrpcService
public class SecuredEchoService extends EchoServiceGrpc.EchoServiceImplBase {

    @Override
    @PreAuthorize("permitAll()")
    public void echo(EchoRequest request, StreamObserver<EchoReply> replies) {
        pause(request);
        replies.onNext(reply(seen(), 1));
        replies.onCompleted();
    }

    @Override
    @PreAuthorize("hasRole('STAFF')")
    public void expand(EchoRequest request, StreamObserver<EchoReply> replies) {
        for (int i = 1; i <= request.getRepeat(); i++) {
            replies.onNext(reply(seen(), i));
        }
        replies.onCompleted();
    }

    @Override
    @Secured("ROLE_SUPERUSER")
    public StreamObserver<EchoRequest> collect(StreamObserver<EchoReply> replies) {
        List<String> seen = new ArrayList<>(List.of(seen()));
        return new StreamObserver<>() {
            @Override
            public void onNext(EchoRequest request) {
                seen.add(seen());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                seen.add(seen());
                replies.onNext(reply(String.join(",", seen), seen.size()));
                replies.onCompleted();
            }
        };
    }

    @Override
    @PreAuthorize("hasAuthority('reports:read')")
    public StreamObserver<EchoRequest> chat(StreamObserver<EchoReply> replies) {
        return new StreamObserver<>() {
            private int count;

            @Override
            public void onNext(EchoRequest request) {
                pause(request);
                replies.onNext(reply(seen(), ++this.count));
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                replies.onNext(reply(seen(), ++this.count));
                replies.onCompleted();
            }
        };
    }

    /** The current authentication's name, {@code -} when the thread has none. */
    static String seen() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return (authentication != null) ? authentication.getName() : "-";
    }

    private static void pause(EchoRequest request) {
        if (request.getDelayMs() > 0) {
            try {
                Thread.sleep(request.getDelayMs());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static EchoReply reply(String text, int count) {
        return EchoReply.newBuilder().setText(text).setCount(count).build();
    }
}
