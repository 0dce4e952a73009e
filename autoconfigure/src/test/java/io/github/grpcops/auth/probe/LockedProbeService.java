package io.github.grpcops.auth.probe;

import io.github.grpcops.auth.AuthRequiredService;
import io.github.grpcops.auth.GrpcPublic;
import io.github.grpcops.auth.probe.api.LockedProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoReply;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

/** Every method requires a caller, by its base type alone, except the one marked public. */
@GrpcService
public class LockedProbeService extends LockedProbeGrpc.LockedProbeImplBase implements AuthRequiredService {

    private final Invocations invocations;

    public LockedProbeService(Invocations invocations) {
        this.invocations = invocations;
    }

    @Override
    public void who(WhoRequest request, StreamObserver<WhoReply> replies) {
        this.invocations.hit();
        replies.onNext(ProbeReplies.who(1, currentUser().id()));
        replies.onCompleted();
    }

    @Override
    @GrpcPublic
    public void openWho(WhoRequest request, StreamObserver<WhoReply> replies) {
        this.invocations.hit();
        replies.onNext(ProbeReplies.who(1, optionalUser().map(p -> p.id()).orElse("-")));
        replies.onCompleted();
    }
}
