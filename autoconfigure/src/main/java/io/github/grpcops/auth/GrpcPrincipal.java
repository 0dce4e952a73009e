package io.github.grpcops.auth;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.grpc.Context;

/**
 * Who is calling: immutable, carried in the call's {@link Context} by the authentication interceptor,
 * so it is visible in every callback of every call type and from service code through
 * {@link #current()}. Never holds the credential itself.
 */
public final class GrpcPrincipal {

    static final Context.Key<GrpcPrincipal> CONTEXT_KEY = Context.key("grpc-ops-principal");

    private final String id;

    private final String name;

    private final Set<String> authorities;

    private final boolean staff;

    private final boolean superuser;

    private final AuthenticationMethod method;

    private final String apiKeyId;

    private final Map<String, Object> claims;

    private GrpcPrincipal(Builder builder) {
        this.id = Objects.requireNonNull(builder.id, "id");
        this.name = (builder.name != null) ? builder.name : builder.id;
        this.authorities = Set.copyOf(builder.authorities);
        this.staff = builder.staff;
        this.superuser = builder.superuser;
        this.method = Objects.requireNonNull(builder.method, "method");
        this.apiKeyId = builder.apiKeyId;
        this.claims = Map.copyOf(builder.claims);
    }

    /** The caller of the call being served, or {@code null} for an anonymous call or outside a call. */
    public static GrpcPrincipal current() {
        return CONTEXT_KEY.get();
    }

    /** A context that carries {@code principal}. */
    public static Context with(Context context, GrpcPrincipal principal) {
        return context.withValue(CONTEXT_KEY, principal);
    }

    public static Builder builder(String id, AuthenticationMethod method) {
        return new Builder(id, method);
    }

    /** A builder starting from this principal, for resolvers that enrich or replace some fields. */
    public Builder toBuilder() {
        return new Builder(this.id, this.method).name(this.name)
            .authorities(this.authorities)
            .staff(this.staff)
            .superuser(this.superuser)
            .apiKeyId(this.apiKeyId)
            .claims(this.claims);
    }

    public String id() {
        return this.id;
    }

    public String name() {
        return this.name;
    }

    public Set<String> authorities() {
        return this.authorities;
    }

    public boolean hasAuthority(String authority) {
        return this.authorities.contains(authority);
    }

    public boolean isStaff() {
        return this.staff;
    }

    public boolean isSuperuser() {
        return this.superuser;
    }

    public AuthenticationMethod method() {
        return this.method;
    }

    /** The id of the API key used, or {@code null} when the caller did not use one. */
    public String apiKeyId() {
        return this.apiKeyId;
    }

    /** The verified token's claims; empty for API keys and the internal key. */
    public Map<String, Object> claims() {
        return this.claims;
    }

    @Override
    public String toString() {
        return "GrpcPrincipal[id=" + this.id + ", name=" + this.name + ", method=" + this.method.wireName() + "]";
    }

    /** Builds a {@link GrpcPrincipal}; {@code name} defaults to {@code id}. */
    public static final class Builder {

        private final String id;

        private final AuthenticationMethod method;

        private String name;

        private Collection<String> authorities = Set.of();

        private boolean staff;

        private boolean superuser;

        private String apiKeyId;

        private Map<String, Object> claims = Map.of();

        private Builder(String id, AuthenticationMethod method) {
            this.id = id;
            this.method = method;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder authorities(Collection<String> authorities) {
            this.authorities = authorities;
            return this;
        }

        public Builder staff(boolean staff) {
            this.staff = staff;
            return this;
        }

        public Builder superuser(boolean superuser) {
            this.superuser = superuser;
            return this;
        }

        public Builder apiKeyId(String apiKeyId) {
            this.apiKeyId = apiKeyId;
            return this;
        }

        public Builder claims(Map<String, Object> claims) {
            this.claims = claims;
            return this;
        }

        public GrpcPrincipal build() {
            return new GrpcPrincipal(this);
        }
    }
}
