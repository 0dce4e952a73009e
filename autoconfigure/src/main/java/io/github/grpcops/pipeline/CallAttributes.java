package io.github.grpcops.pipeline;

import io.grpc.Context;

/**
 * Facts about a call that inner interceptors learn and others read: authentication fills in who is
 * calling (or that the credential it presented was refused), the request log, rate limiting and
 * brute-force protection read it; tracing fills in the call's trace, the request log and the console log
 * read it. {@link CallFactsServerInterceptor} attaches a holder to every call's {@link Context} with its
 * {@link CallFacts}, so it is there whichever built-ins are enabled; interceptors read {@link #current()}.
 * Fields are volatile: the request side and the response side of a call run on different threads.
 */
public final class CallAttributes {

    private static final Context.Key<CallAttributes> KEY = Context.key("grpc-ops-call-attributes");

    private volatile String principalId;

    private volatile String principalName;

    private volatile boolean authenticated;

    private volatile String authenticationMethod;

    private volatile String apiKeyId;

    private volatile boolean credentialRefused;

    private volatile String traceId;

    private volatile String spanId;

    private volatile boolean traceSampled;

    /**
     * The holder of the call being served, or {@code null} outside a call (or in a pipeline without
     * {@link CallFactsServerInterceptor} or an observing interceptor).
     */
    public static CallAttributes current() {
        return KEY.get();
    }

    /** The holder already attached to {@code context}, or a new one to attach with {@link #in(Context)}. */
    static CallAttributes currentOrNew(Context context) {
        CallAttributes existing = KEY.get(context);
        return (existing != null) ? existing : new CallAttributes();
    }

    /** A context that carries this holder. */
    Context in(Context context) {
        return (KEY.get(context) == this) ? context : context.withValue(KEY, this);
    }

    /** Records who is calling; called by authentication once it has verified the credential. */
    public void authenticated(String principalId, String principalName, String method, String apiKeyId) {
        this.principalId = principalId;
        this.principalName = principalName;
        this.authenticationMethod = method;
        this.apiKeyId = apiKeyId;
        this.authenticated = true;
    }

    /**
     * Records that authentication refused the credential the call presented (malformed, wrong, expired …);
     * brute-force protection counts these per client address.
     */
    public void credentialRefused() {
        this.credentialRefused = true;
    }

    public String principalId() {
        return this.principalId;
    }

    public String principalName() {
        return this.principalName;
    }

    public boolean isAuthenticated() {
        return this.authenticated;
    }

    /** How the caller authenticated ({@code jwt}, {@code api-key} … see AuthenticationMethod), or {@code null}. */
    public String authenticationMethod() {
        return this.authenticationMethod;
    }

    public String apiKeyId() {
        return this.apiKeyId;
    }

    /** Whether authentication refused the credential this call presented. */
    public boolean isCredentialRefused() {
        return this.credentialRefused;
    }

    /**
     * Records the trace the call belongs to; called by tracing when the call starts.
     * @param traceId 32 lowercase hex digits
     * @param spanId 16 lowercase hex digits: the call's server span, or the caller's span when no tracer runs
     * @param sampled whether the trace is recorded
     */
    public void traced(String traceId, String spanId, boolean sampled) {
        this.traceId = traceId;
        this.spanId = spanId;
        this.traceSampled = sampled;
    }

    /** The call's W3C trace id, or {@code null} when it is not traced. */
    public String traceId() {
        return this.traceId;
    }

    /** The span the call runs in (see {@link #traced}), or {@code null} when it is not traced. */
    public String spanId() {
        return this.spanId;
    }

    public boolean isTraceSampled() {
        return this.traceSampled;
    }
}
