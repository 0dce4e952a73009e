package io.github.grpcops.pipeline;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;

/**
 * What every interceptor of a call needs to know about it, resolved once when the call starts by
 * {@link CallFactsServerInterceptor}, the outermost of grpc-ops' interceptors, and attached to the call's
 * {@link Context} together with the call's {@link CallAttributes}. The built-ins read it from there
 * instead of resolving it again, so a generated request id, say, is the same in the request log, the
 * response headers, the console line and the error details.
 *
 * @param requestId the caller's sane {@code x-request-id}, else a new UUID (see {@link RequestIds})
 * @param clientIp the caller's address, trusted proxies considered; {@code null} when the transport is
 *     not IP
 * @param info the method, peer, user agent, deadline and start of the call
 */
public record CallFacts(String requestId, String clientIp, CallInfo info) {

    private static final Context.Key<CallFacts> KEY = Context.key("grpc-ops-call-facts");

    /** The facts of the call being served, or {@code null} when none were attached. */
    public static CallFacts current() {
        return KEY.get();
    }

    /**
     * The facts attached to the current call; when none are (an interceptor used without
     * {@link CallFactsServerInterceptor}), resolved now with the peer address as the client IP.
     */
    public static CallFacts of(ServerCall<?, ?> call, Metadata headers) {
        CallFacts attached = current();
        return (attached != null) ? attached : resolve(call, headers, ClientIpLookup.PEER);
    }

    /**
     * Resolves the facts of a call starting now; call it in {@code interceptCall}, where the call's
     * context is current. A generated request id is written back into {@code headers}.
     */
    public static CallFacts resolve(ServerCall<?, ?> call, Metadata headers, ClientIpLookup clientIps) {
        CallInfo info = CallInfo.of(call, headers);
        return new CallFacts(RequestIds.resolve(headers), clientIps.resolve(info.peer(), headers), info);
    }

    /** The client IP, or the peer address itself when the transport is not IP (in-process): names the caller's address. */
    public String clientAddress() {
        return (this.clientIp != null) ? this.clientIp : String.valueOf(this.info.peer());
    }

    /** {@code context} carrying these facts and a {@link CallAttributes} holder (the one it has, or a new one). */
    public Context attachTo(Context context) {
        return CallAttributes.currentOrNew(context).in(context.withValue(KEY, this));
    }
}
