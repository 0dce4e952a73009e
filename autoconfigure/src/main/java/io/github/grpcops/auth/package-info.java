/**
 * Authentication and authorization of calls.
 *
 * <p>API: the annotations ({@link io.github.grpcops.auth.GrpcPublic},
 * {@link io.github.grpcops.auth.GrpcAuthenticated}, {@link io.github.grpcops.auth.RequireStaff},
 * {@link io.github.grpcops.auth.RequireSuperuser}, {@link io.github.grpcops.auth.RequireAuthority}), the
 * service interfaces ({@link io.github.grpcops.auth.BaseGrpcService},
 * {@link io.github.grpcops.auth.AuthRequiredService}, {@link io.github.grpcops.auth.ReadOnlyService}),
 * {@link io.github.grpcops.auth.GrpcPrincipal}, the beans you may provide
 * ({@link io.github.grpcops.auth.GrpcUserResolver}, {@link io.github.grpcops.auth.CredentialAuthenticator}
 * with {@link io.github.grpcops.auth.Credentials} or {@link io.github.grpcops.auth.BearerTokenAuthenticator},
 * {@link io.github.grpcops.auth.TransportAuthenticator}, {@link io.github.grpcops.auth.AuthenticationMethod},
 * {@link io.github.grpcops.auth.AuthenticationFailedException} and
 * {@link io.github.grpcops.auth.AuthenticationUnavailableException}),
 * {@link io.github.grpcops.auth.GrpcAuthProperties}, {@link io.github.grpcops.auth.GrpcAuthAutoConfiguration}
 * and the interceptor's type, {@link io.github.grpcops.auth.AuthenticationServerInterceptor} (its logger
 * says why calls are refused).
 *
 * <p>Internal: the access policy and its rules, the internal-key authenticator;
 * {@link io.github.grpcops.auth.ExpiringCache} and {@link io.github.grpcops.auth.ServiceImplementations}
 * are public only for the authenticators of {@code auth.jwt} and {@code auth.apikey} and for
 * {@code auth.readonly}.
 */
package io.github.grpcops.auth;
