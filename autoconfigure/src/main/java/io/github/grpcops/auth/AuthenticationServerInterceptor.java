package io.github.grpcops.auth;

import java.util.List;

import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.pipeline.Refusal;
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
 * call type: verifies the one credential presented (JWT, API key or internal key; without one, a client
 * certificate the TLS handshake verified, when mutual TLS authenticates), resolves the user, and runs the
 * rest of the call with the {@link GrpcPrincipal} in its {@link Context}. Rejections close the call with
 * {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED} and a generic message (or {@code UNAVAILABLE} when
 * the credential cannot be checked now, e.g. the identity provider is down); the reason goes to the debug
 * log, the credential nowhere. Rejections go through the {@link CallRefuser}, so they carry the same
 * {@code google.rpc.ErrorInfo} detail (reason, domain, request id) as every other error, error mapping on
 * or off.
 */
public class AuthenticationServerInterceptor extends PipelineInterceptor {

    static final String INVALID_CREDENTIALS = "Invalid credentials";

    static final String AUTHENTICATION_REQUIRED = "Authentication required";

    static final String PERMISSION_DENIED = "Permission denied";

    static final String UNAVAILABLE = "Authentication is temporarily unavailable";

    private static final Logger log = LoggerFactory.getLogger(AuthenticationServerInterceptor.class);

    private final List<CredentialAuthenticator> authenticators;

    private final List<TransportAuthenticator> transports;

    private final GrpcUserResolver users;

    private final AccessPolicy policy;

    private final CallRefuser refusals;

    AuthenticationServerInterceptor(GrpcAuthProperties properties, List<CredentialAuthenticator> authenticators,
            List<TransportAuthenticator> transports, GrpcUserResolver users, AccessPolicy policy,
            CallRefuser refusals) {
        super(properties);
        this.authenticators = List.copyOf(authenticators);
        this.transports = List.copyOf(transports);
        this.users = users;
        this.policy = policy;
        this.refusals = refusals;
    }

    @Override
    protected <ReqT, RespT> ServerCall.Listener<ReqT> intercept(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        GrpcPrincipal principal;
        try {
            principal = authenticate(call, headers);
        }
        catch (AuthenticationFailedException ex) {
            log.debug("Rejected {}: {}", method, ex.getMessage());
            CallAttributes attributes = CallAttributes.current();
            if (attributes != null) {
                attributes.credentialRefused();
            }
            return reject(call, headers, Status.Code.UNAUTHENTICATED, INVALID_CREDENTIALS, "INVALID_CREDENTIALS");
        }
        catch (AuthenticationUnavailableException ex) {
            log.debug("Could not authenticate {}: {}", method, ex.getMessage());
            return reject(call, headers, Status.Code.UNAVAILABLE, ex.getMessage(), "AUTHENTICATION_UNAVAILABLE");
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
        // Who called is recorded before the access check: a refused call is logged with its caller.
        CallAttributes attributes = CallAttributes.current();
        if (attributes != null) {
            attributes.authenticated(principal.id(), principal.name(), principal.method().wireName(),
                    principal.apiKeyId());
        }
        if (!rule.permits(principal)) {
            log.debug("Rejected {}: {} lacks {}", method, principal, rule);
            return reject(call, headers, Status.Code.PERMISSION_DENIED, PERMISSION_DENIED, "PERMISSION_DENIED");
        }
        return Contexts.interceptCall(GrpcPrincipal.with(Context.current(), principal), call, headers, next);
    }

    /** The verified and resolved caller, or {@code null} when no credential was presented. */
    private GrpcPrincipal authenticate(ServerCall<?, ?> call, Metadata headers) {
        CredentialAuthenticator presented = null;
        for (CredentialAuthenticator authenticator : this.authenticators) {
            if (authenticator.isPresent(headers)) {
                if (presented != null) {
                    throw new AuthenticationFailedException("more than one kind of credential");
                }
                presented = authenticator;
            }
        }
        if (presented == null && Credentials.anyPresent(headers)) {
            throw new AuthenticationFailedException("a credential of a kind that is not enabled");
        }
        GrpcPrincipal verified = (presented != null) ? presented.authenticate(headers) : fromTransport(call);
        if (verified == null || verified.method() == AuthenticationMethod.INTERNAL_KEY) {
            return verified;
        }
        GrpcPrincipal resolved = this.users.resolve(verified);
        if (resolved == null) {
            throw new AuthenticationFailedException("user resolver refused " + verified);
        }
        return resolved;
    }

    /** The caller the transport vouches for (a verified client certificate), or {@code null}. */
    private GrpcPrincipal fromTransport(ServerCall<?, ?> call) {
        for (TransportAuthenticator transport : this.transports) {
            GrpcPrincipal principal = transport.authenticate(call);
            if (principal != null) {
                return principal;
            }
        }
        return null;
    }

    private <ReqT> ServerCall.Listener<ReqT> reject(ServerCall<ReqT, ?> call, Metadata headers, Status.Code code,
            String message, String reason) {
        return this.refusals.refuse(call, headers, Refusal.of(code, message, reason));
    }
}
