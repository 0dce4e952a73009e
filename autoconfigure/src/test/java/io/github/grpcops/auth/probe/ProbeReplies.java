package io.github.grpcops.auth.probe;

import io.github.grpcops.auth.GrpcPrincipal;
import io.github.grpcops.auth.probe.api.WhoReply;

/** Builds replies from the principal current in the callback that builds them. */
final class ProbeReplies {

    private ProbeReplies() {
    }

    static WhoReply who(int count, String seen) {
        GrpcPrincipal principal = GrpcPrincipal.current();
        WhoReply.Builder reply = WhoReply.newBuilder().setCount(count).setSeen(seen);
        if (principal != null) {
            reply.setPrincipalId(principal.id())
                .setPrincipalName(principal.name())
                .setMethod(principal.method().wireName())
                .addAllAuthorities(principal.authorities().stream().sorted().toList());
            if (principal.apiKeyId() != null) {
                reply.setApiKeyId(principal.apiKeyId());
            }
        }
        return reply.build();
    }

    static String seen() {
        GrpcPrincipal principal = GrpcPrincipal.current();
        return (principal != null) ? principal.id() : "-";
    }
}
