package io.github.grpcops.auth.probe;

import java.util.ArrayList;
import java.util.List;

import io.github.grpcops.auth.GrpcPublic;
import io.github.grpcops.auth.RequireAuthority;
import io.github.grpcops.auth.RequireStaff;
import io.github.grpcops.auth.RequireSuperuser;
import io.github.grpcops.auth.probe.api.AuthProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoReply;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

/** One method per call type, each reporting the principal it sees, plus one method per access rule. */
@GrpcService
public class AuthProbeService extends AuthProbeGrpc.AuthProbeImplBase {

    private final Invocations invocations;

    public AuthProbeService(Invocations invocations) {
        this.invocations = invocations;
    }

    @Override
    public void who(WhoRequest request, StreamObserver<WhoReply> replies) {
        answer(replies);
    }

    @Override
    public StreamObserver<WhoRequest> collectWho(StreamObserver<WhoReply> replies) {
        this.invocations.hit();
        List<String> seen = new ArrayList<>();
        seen.add(ProbeReplies.seen());
        return new StreamObserver<>() {
            @Override
            public void onNext(WhoRequest value) {
                AuthProbeService.this.invocations.hit();
                seen.add(ProbeReplies.seen());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                seen.add(ProbeReplies.seen());
                replies.onNext(ProbeReplies.who(seen.size(), String.join(",", seen)));
                replies.onCompleted();
            }
        };
    }

    @Override
    public void expandWho(WhoRequest request, StreamObserver<WhoReply> replies) {
        this.invocations.hit();
        for (int i = 1; i <= request.getRepeat(); i++) {
            replies.onNext(ProbeReplies.who(i, ProbeReplies.seen()));
        }
        replies.onCompleted();
    }

    @Override
    public StreamObserver<WhoRequest> chatWho(StreamObserver<WhoReply> replies) {
        this.invocations.hit();
        return new StreamObserver<>() {
            private int count;

            @Override
            public void onNext(WhoRequest value) {
                AuthProbeService.this.invocations.hit();
                replies.onNext(ProbeReplies.who(++this.count, ProbeReplies.seen()));
            }

            @Override
            public void onError(Throwable t) {
                AuthProbeService.this.invocations.cancelled(ProbeReplies.seen());
            }

            @Override
            public void onCompleted() {
                replies.onNext(ProbeReplies.who(++this.count, ProbeReplies.seen()));
                replies.onCompleted();
            }
        };
    }

    @Override
    @GrpcPublic
    public void publicWho(WhoRequest request, StreamObserver<WhoReply> replies) {
        answer(replies);
    }

    @Override
    @RequireStaff
    public void staffWho(WhoRequest request, StreamObserver<WhoReply> replies) {
        answer(replies);
    }

    @Override
    @RequireSuperuser
    public void superuserWho(WhoRequest request, StreamObserver<WhoReply> replies) {
        answer(replies);
    }

    @Override
    @RequireAuthority("reports:read")
    public void reportsWho(WhoRequest request, StreamObserver<WhoReply> replies) {
        answer(replies);
    }

    private void answer(StreamObserver<WhoReply> replies) {
        this.invocations.hit();
        replies.onNext(ProbeReplies.who(1, ProbeReplies.seen()));
        replies.onCompleted();
    }
}
