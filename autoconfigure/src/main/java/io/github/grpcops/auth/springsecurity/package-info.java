/**
 * The bridge to Spring Security: the caller in the {@code SecurityContext} while a call runs, so method
 * security works on services, and bearer tokens verified by the application's own {@code JwtDecoder} or
 * {@code AuthenticationManager} when asked to.
 *
 * <p>API: {@link io.github.grpcops.auth.springsecurity.GrpcSpringSecurityAutoConfiguration} (configured by
 * {@code grpc.auth.spring-security.*}), {@link io.github.grpcops.auth.springsecurity.GrpcAuthentication}
 * (what {@code SecurityContextHolder} holds for an authenticated call), the interceptor's type
 * {@link io.github.grpcops.auth.springsecurity.SecurityContextServerInterceptor}, and the two bearer-token
 * authenticators' types, {@link io.github.grpcops.auth.springsecurity.JwtDecoderAuthenticator} and
 * {@link io.github.grpcops.auth.springsecurity.AuthenticationManagerAuthenticator}.
 */
package io.github.grpcops.auth.springsecurity;
