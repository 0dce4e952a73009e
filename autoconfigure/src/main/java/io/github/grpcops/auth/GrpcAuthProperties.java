package io.github.grpcops.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.grpcops.diagnostics.PropertyChecks;
import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.PipelineOrder;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Authentication and authorization of calls: {@code grpc.auth.*}.
 */
@ConfigurationProperties("grpc.auth")
public class GrpcAuthProperties extends InterceptorProperties {

    /** Whether methods without an annotation or base class saying otherwise require an authenticated caller. */
    private boolean requireAuth;

    /** Method patterns anyone may call even when require-auth is on (annotations take precedence). */
    private List<String> publicMethods = new ArrayList<>(HEALTH_AND_REFLECTION);

    private final Jwt jwt = new Jwt();

    private final ApiKey apiKey = new ApiKey();

    private final InternalKey internalKey = new InternalKey();

    private final BruteForce bruteForce = new BruteForce();

    private final SpringSecurity springSecurity = new SpringSecurity();

    private final Mtls mtls = new Mtls();

    public GrpcAuthProperties() {
        super(PipelineOrder.AUTH);
    }

    public boolean isRequireAuth() {
        return this.requireAuth;
    }

    public void setRequireAuth(boolean requireAuth) {
        this.requireAuth = requireAuth;
    }

    public List<String> getPublicMethods() {
        return this.publicMethods;
    }

    public void setPublicMethods(List<String> publicMethods) {
        this.publicMethods = publicMethods;
    }

    public Jwt getJwt() {
        return this.jwt;
    }

    public ApiKey getApiKey() {
        return this.apiKey;
    }

    public InternalKey getInternalKey() {
        return this.internalKey;
    }

    public BruteForce getBruteForce() {
        return this.bruteForce;
    }

    public SpringSecurity getSpringSecurity() {
        return this.springSecurity;
    }

    public Mtls getMtls() {
        return this.mtls;
    }

    /** JWT bearer tokens in the {@code authorization} header. */
    public static class Jwt {

        /** Whether bearer tokens are accepted; they also need a secret, a public key, a jwk-set-uri or an issuer-uri. */
        private boolean enabled = true;

        /** HMAC secret (UTF-8) for HS256/384/512; at least as many bits as the strongest allowed algorithm needs. */
        private String secret;

        /** PEM public key (RSA or EC, "-----BEGIN PUBLIC KEY-----" form) for RS*, PS* or ES* tokens. */
        private Resource publicKey;

        /**
         * OpenID Connect issuer whose discovery document (issuer-uri + /.well-known/openid-configuration) names
         * the JWK Set to fetch signing keys from; tokens' "iss" must equal it.
         */
        private String issuerUri;

        /** URL of the JWK Set (JSON Web Key Set) the identity provider publishes its signing keys at, chosen by the tokens' "kid". */
        private String jwkSetUri;

        /** Fetching keys from jwk-set-uri or issuer-uri. */
        private final RemoteKeys jwks = new RemoteKeys();

        /**
         * Signature algorithms accepted, others rejected (when unset: HS256 with a secret, RS256 or ES256 with a
         * public key, RS256 with keys from a JWK Set).
         */
        private List<String> algorithms = new ArrayList<>();

        /** Required "iss" claim value; not checked when unset. */
        private String issuer;

        /** Required "aud" claim value; not checked when unset. */
        private String audience;

        /** Tolerance for clock differences when checking "exp" and "nbf". */
        private Duration clockSkew = Duration.ofSeconds(30);

        /** Claim holding the caller's name (falls back to "sub"). */
        private String nameClaim = "name";

        /** Claim holding the caller's roles or authorities, as a list or a space-separated string. */
        private String authoritiesClaim = "roles";

        /** Boolean claim marking staff callers. */
        private String staffClaim = "staff";

        /** Boolean claim marking superusers. */
        private String superuserClaim = "superuser";

        /** Longest token accepted; longer ones are rejected before parsing. */
        private int maxTokenLength = 8192;

        /** Most verified tokens kept in the cache (entries never outlive the token's "exp"); 0 to disable it. */
        private int cacheSize = 10_000;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getSecret() {
            return this.secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public Resource getPublicKey() {
            return this.publicKey;
        }

        public void setPublicKey(Resource publicKey) {
            this.publicKey = publicKey;
        }

        public String getIssuerUri() {
            return this.issuerUri;
        }

        public void setIssuerUri(String issuerUri) {
            this.issuerUri = issuerUri;
        }

        public String getJwkSetUri() {
            return this.jwkSetUri;
        }

        public void setJwkSetUri(String jwkSetUri) {
            this.jwkSetUri = jwkSetUri;
        }

        public RemoteKeys getJwks() {
            return this.jwks;
        }

        public List<String> getAlgorithms() {
            return this.algorithms;
        }

        public void setAlgorithms(List<String> algorithms) {
            this.algorithms = algorithms;
        }

        public String getIssuer() {
            return this.issuer;
        }

        public void setIssuer(String issuer) {
            this.issuer = issuer;
        }

        public String getAudience() {
            return this.audience;
        }

        public void setAudience(String audience) {
            this.audience = audience;
        }

        public Duration getClockSkew() {
            return this.clockSkew;
        }

        public void setClockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
        }

        public String getNameClaim() {
            return this.nameClaim;
        }

        public void setNameClaim(String nameClaim) {
            this.nameClaim = nameClaim;
        }

        public String getAuthoritiesClaim() {
            return this.authoritiesClaim;
        }

        public void setAuthoritiesClaim(String authoritiesClaim) {
            this.authoritiesClaim = authoritiesClaim;
        }

        public String getStaffClaim() {
            return this.staffClaim;
        }

        public void setStaffClaim(String staffClaim) {
            this.staffClaim = staffClaim;
        }

        public String getSuperuserClaim() {
            return this.superuserClaim;
        }

        public void setSuperuserClaim(String superuserClaim) {
            this.superuserClaim = superuserClaim;
        }

        public int getMaxTokenLength() {
            return this.maxTokenLength;
        }

        public void setMaxTokenLength(int maxTokenLength) {
            this.maxTokenLength = maxTokenLength;
        }

        public int getCacheSize() {
            return this.cacheSize;
        }

        public void setCacheSize(int cacheSize) {
            this.cacheSize = cacheSize;
        }
    }

    /**
     * How signing keys are fetched from the identity provider: kept for a refresh interval, fetched again at
     * once for a token naming an unknown key, but never more often than the minimum interval.
     */
    public static class RemoteKeys {

        /** How long fetched keys are used before they are fetched again (in the background: the old ones serve meanwhile). */
        private Duration refreshInterval = Duration.ofMinutes(5);

        /** Shortest time between two fetches, whatever asks for them: tokens naming unknown keys cost at most one fetch per interval. */
        private Duration minFetchInterval = Duration.ofSeconds(10);

        /** How long to wait for a connection to the identity provider. */
        private Duration connectTimeout = Duration.ofSeconds(2);

        /** How long to wait for each read of the identity provider's answer. */
        private Duration readTimeout = Duration.ofSeconds(5);

        /** Largest discovery document or JWK Set accepted. */
        private DataSize maxSize = DataSize.ofKilobytes(256);

        /** Whether issuer-uri and jwk-set-uri may be plain http: only for a provider on this host or in tests, as keys fetched over http can be replaced on the way. */
        private boolean allowHttp;

        public Duration getRefreshInterval() {
            return this.refreshInterval;
        }

        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

        public Duration getMinFetchInterval() {
            return this.minFetchInterval;
        }

        public void setMinFetchInterval(Duration minFetchInterval) {
            this.minFetchInterval = minFetchInterval;
        }

        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return this.readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public DataSize getMaxSize() {
            return this.maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }

        public boolean isAllowHttp() {
            return this.allowHttp;
        }

        public void setAllowHttp(boolean allowHttp) {
            this.allowHttp = allowHttp;
        }
    }

    /** API keys in the {@code x-api-key} header, stored hashed in {@code grpc_api_key}. */
    public static class ApiKey {

        /** Whether API keys are accepted and managed (needs Spring Data JPA and a data source). */
        private boolean enabled = true;

        /** Recognisable start of every generated key, so leaked keys can be found by secret scanners. */
        private String prefix = "gops_";

        /** How long a key lookup is cached; bounds how long a revoke takes to reach other instances. */
        private Duration cacheTtl = Duration.ofSeconds(30);

        /** Most key lookups kept in the cache. */
        private int cacheSize = 10_000;

        /** How often usage (last used, request count) is written to the database, in one batch. */
        private Duration usageFlushInterval = Duration.ofSeconds(10);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPrefix() {
            return this.prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }

        public Duration getCacheTtl() {
            return this.cacheTtl;
        }

        public void setCacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }

        public int getCacheSize() {
            return this.cacheSize;
        }

        public void setCacheSize(int cacheSize) {
            this.cacheSize = cacheSize;
        }

        public Duration getUsageFlushInterval() {
            return this.usageFlushInterval;
        }

        public void setUsageFlushInterval(Duration usageFlushInterval) {
            this.usageFlushInterval = PropertyChecks.positive("grpc.auth.api-key.usage-flush-interval",
                    usageFlushInterval);
        }
    }

    /** A shared key for service-to-service calls, in the {@code x-internal-key} header. */
    public static class InternalKey {

        /** Whether the internal key is accepted. */
        private boolean enabled;

        /** Shared secret callers present; at least 32 characters. */
        private String secret;

        /** Principal name (and id) such calls authenticate as. */
        private String principalName = "internal-service";

        /** Authorities such calls get; never superuser. */
        private List<String> authorities = new ArrayList<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getSecret() {
            return this.secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public String getPrincipalName() {
            return this.principalName;
        }

        public void setPrincipalName(String principalName) {
            this.principalName = principalName;
        }

        public List<String> getAuthorities() {
            return this.authorities;
        }

        public void setAuthorities(List<String> authorities) {
            this.authorities = authorities;
        }
    }

    /**
     * Brute-force protection: failed credentials counted per client address, and an address that failed
     * too often refused before its credentials are even looked at.
     */
    public static class BruteForce extends InterceptorProperties {

        /** Failed credentials an address may present before it is refused; it regains one every period divided by this. */
        private int maxFailures = 10;

        /** How long an address takes to regain its whole budget of failures. */
        private Duration period = Duration.ofMinutes(1);

        /** Most addresses whose failures are tracked at once; the least recently seen are forgotten first. */
        private int maxAddresses = 100_000;

        public BruteForce() {
            super(PipelineOrder.BRUTE_FORCE);
        }

        public int getMaxFailures() {
            return this.maxFailures;
        }

        public void setMaxFailures(int maxFailures) {
            this.maxFailures = PropertyChecks.atLeast("grpc.auth.brute-force.max-failures", maxFailures, 1);
        }

        public Duration getPeriod() {
            return this.period;
        }

        public void setPeriod(Duration period) {
            this.period = PropertyChecks.positive("grpc.auth.brute-force.period", period);
        }

        public int getMaxAddresses() {
            return this.maxAddresses;
        }

        public void setMaxAddresses(int maxAddresses) {
            this.maxAddresses = PropertyChecks.atLeast("grpc.auth.brute-force.max-addresses", maxAddresses, 1);
        }
    }

    /**
     * Spring Security bridge: the caller as the {@code SecurityContext}'s {@code Authentication} while a call
     * runs, and optionally the application's own token verification.
     */
    public static class SpringSecurity extends InterceptorProperties {

        /** Authority a staff caller gets, besides its own. */
        private String staffAuthority = "ROLE_STAFF";

        /** Authority a superuser gets, besides its own. */
        private String superuserAuthority = "ROLE_SUPERUSER";

        /** Who verifies bearer tokens: grpc-ops' own grpc.auth.jwt settings, the application's JwtDecoder bean, or its AuthenticationManager. */
        private BearerTokens bearerTokens = BearerTokens.GRPC_OPS;

        public SpringSecurity() {
            super(PipelineOrder.SECURITY_CONTEXT);
        }

        public String getStaffAuthority() {
            return this.staffAuthority;
        }

        public void setStaffAuthority(String staffAuthority) {
            this.staffAuthority = staffAuthority;
        }

        public String getSuperuserAuthority() {
            return this.superuserAuthority;
        }

        public void setSuperuserAuthority(String superuserAuthority) {
            this.superuserAuthority = superuserAuthority;
        }

        public BearerTokens getBearerTokens() {
            return this.bearerTokens;
        }

        public void setBearerTokens(BearerTokens bearerTokens) {
            this.bearerTokens = bearerTokens;
        }

        /** Who verifies {@code authorization: Bearer} tokens. */
        public enum BearerTokens {

            /** grpc-ops, with the grpc.auth.jwt settings. */
            GRPC_OPS,

            /** The application's {@code JwtDecoder} bean; the claims map to the caller as grpc.auth.jwt's claim names say. */
            JWT_DECODER,

            /** The application's {@code AuthenticationManager} bean, given a {@code BearerTokenAuthenticationToken}. */
            AUTHENTICATION_MANAGER
        }
    }

    /**
     * Client certificates as the caller: with mutual TLS (grpc.server.security.client-auth), the
     * certificate the handshake verified names a call that presents no other credential.
     */
    public static class Mtls {

        /** Whether a verified client certificate authenticates a call that presents no credential header. */
        private boolean enabled;

        /** Which part of the certificate names the caller. */
        private PrincipalSource principalFrom = PrincipalSource.SUBJECT_CN;

        /**
         * Regular expression the name must match (a certificate whose name does not is refused); its first
         * group, else the whole name, becomes the caller's id. Unset to take the name as it is.
         */
        private String principalPattern;

        /** Authorities per caller id, e.g. billing-service: orders:read, orders:write. */
        private Map<String, List<String>> authorities = new LinkedHashMap<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public PrincipalSource getPrincipalFrom() {
            return this.principalFrom;
        }

        public void setPrincipalFrom(PrincipalSource principalFrom) {
            this.principalFrom = principalFrom;
        }

        public String getPrincipalPattern() {
            return this.principalPattern;
        }

        public void setPrincipalPattern(String principalPattern) {
            this.principalPattern = principalPattern;
        }

        public Map<String, List<String>> getAuthorities() {
            return this.authorities;
        }

        public void setAuthorities(Map<String, List<String>> authorities) {
            this.authorities = authorities;
        }

        /** Where in the client certificate the caller's name is. */
        public enum PrincipalSource {

            /** The subject's common name (CN). */
            SUBJECT_CN,

            /** The whole subject distinguished name, as RFC 2253 writes it (CN=billing,O=Example). */
            SUBJECT,

            /** The first DNS name among the subject alternative names. */
            SAN_DNS,

            /** The first e-mail address (rfc822Name) among the subject alternative names. */
            SAN_EMAIL,

            /** The first URI among the subject alternative names (a SPIFFE id, say). */
            SAN_URI
        }
    }
}
