package io.github.grpcops.auth;

import java.util.List;

import io.github.grpcops.errors.GrpcError;
import io.github.grpcops.errors.GrpcErrorMapper;
import io.github.grpcops.errors.GrpcErrorMapper.StatusAndTrailers;
import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.requestid.RequestIds;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every call and enforces the {@link AccessPolicy} before service code runs, for every
 * call type: verifies the one credential presented (JWT, API key or internal key), resolves the user,
 * and runs the rest of the call with the {@link GrpcPrincipal} in its {@link Context}. Rejections close
 * the call with {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED} and a generic message; the reason
 * goes to the debug log, the credential nowhere. With error mapping on, rejections carry the same
 * {@code google.rpc.ErrorInfo} detail (reason, domain, request id) as every other error; this
 * interceptor runs outside error mapping, so it asks the {@link GrpcErrorMapper} for it.
 */
public class AuthenticationServerInterceptor extends PipelineInterceptor {

    static final String INVALID_CREDENTIALS = "Invalid credentials";

    static final String AUTHENTICATION_REQUIRED = "Authentication required";

    static final String PERMISSION_DENIED = "Permission denied";

    static final String UNAVAILABLE = "Authentication is temporarily unavailable";

    private static final Logger log = LoggerFactory.getLogger(AuthenticationServerInterceptor.class);

    private final List<CredentialAuthenticator> authenticators;

    private final GrpcUserResolver users;

    private final AccessPolicy policy;

    private final GrpcErrorMapper errors;

    /**
     * @param errors builds the error details of rejections; {@code null} when error mapping is off, and
     *     rejections then carry a status only
     */
    public AuthenticationServerInterceptor(GrpcAuthProperties properties, List<CredentialAuthenticator> authenticators,
            GrpcUserResolver users, AccessPolicy policy, GrpcErrorMapper errors) {
        super(properties);
        this.authenticators = List.copyOf(authenticators);
        this.users = users;
        this.policy = policy;
        this.errors = errors;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        if (!appliesTo(call)) {
            return next.startCall(call, headers);
        }
        String method = call.getMethodDescriptor().getFullMethodName();
        GrpcPrincipal principal;
        try {
            principal = authenticate(headers);
        }
        catch (AuthenticationFailedException ex) {
            log.debug("Rejected {}: {}", method, ex.getMessage());
            return reject(call, headers, Status.Code.UNAUTHENTICATED, INVALID_CREDENTIALS, "INVALID_CREDENTIALS");
        }
        catch (RuntimeException ex) {
            // A key lookup or user resolver failing (database down): the caller may retry; the exception's
            // message stays out of the log, as it may quote the query.
            log.warn("Could not authenticate {}: {}", method, ex.getClass().getName());
            return reject(call, headers, Status.Code.UNAVAILABLE, UNAVAILABLE, "AUTHENTICATION_UNAVAILABLE");
        }
        AccessRule rule = this.policy.ruleFor(call.getMethodDescriptor());
        if (principal == null) {
            if (rule.authenticated()) {
                log.debug("Rejected {}: no credential", method);
                return reject(call, headers, Status.Code.UNAUTHENTICATED, AUTHENTICATION_REQUIRED,
                        "AUTHENTICATION_REQUIRED");
            }
            return next.startCall(call, headers);
        }
        if (!rule.permits(principal)) {
            log.debug("Rejected {}: {} lacks {}", method, principal, rule);
            return reject(call, headers, Status.Code.PERMISSION_DENIED, PERMISSION_DENIED, "PERMISSION_DENIED");
        }
        CallAttributes attributes = CallAttributes.current();
        if (attributes != null) {
            attributes.authenticated(principal.id(), principal.name(), principal.method().wireName(),
                    principal.apiKeyId());
        }
        return Contexts.interceptCall(GrpcPrincipal.with(Context.current(), principal), call, headers, next);
    }

    /** The verified and resolved caller, or {@code null} when no credential was presented. */
    private GrpcPrincipal authenticate(Metadata headers) {
        CredentialAuthenticator presented = null;
        for (CredentialAuthenticator authenticator : this.authenticators) {
            if (authenticator.isPresent(headers)) {
                if (presented != null) {
                    throw new AuthenticationFailedException("more than one kind of credential");
                }
                presented = authenticator;
            }
        }
        if (presented == null) {
            if (Credentials.HEADERS.stream().anyMatch(headers::containsKey)) {
                throw new AuthenticationFailedException("a credential of a kind that is not enabled");
            }
            return null;
        }
        GrpcPrincipal verified = presented.authenticate(headers);
        if (verified.method() == AuthenticationMethod.INTERNAL_KEY) {
            return verified;
        }
        GrpcPrincipal resolved = this.users.resolve(verified);
        if (resolved == null) {
            throw new AuthenticationFailedException("user resolver refused " + verified);
        }
        return resolved;
    }

    private <ReqT> ServerCall.Listener<ReqT> reject(ServerCall<ReqT, ?> call, Metadata headers, Status.Code code,
            String message, String reason) {
        if (this.errors == null) {
            return refuse(call, Status.fromCode(code).withDescription(message), new Metadata());
        }
        StatusAndTrailers answer = this.errors.toStatus(GrpcError.of(code, message, reason),
                RequestIds.resolve(headers));
        return refuse(call, answer.status(), answer.trailers());
    }
}
