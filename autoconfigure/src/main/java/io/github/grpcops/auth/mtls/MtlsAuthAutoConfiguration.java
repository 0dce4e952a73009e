package io.github.grpcops.auth.mtls;

import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.server.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Client certificates as callers ({@code grpc.auth.mtls.enabled}, off by default): the authenticator
 * grpc-ops' authentication asks when a call presents no credential header. Warns when the server it
 * knows of does not speak TLS, since then no call has a certificate.
 */
@AutoConfiguration(after = GrpcAuthAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "grpc.auth.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("grpc.auth.mtls.enabled")
@EnableConfigurationProperties(GrpcAuthProperties.class)
public class MtlsAuthAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MtlsAuthAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    ClientCertificateAuthenticator clientCertificateAuthenticator(GrpcAuthProperties properties,
            ObjectProvider<ServerSettings> server) {
        ServerSettings settings = server.getIfAvailable();
        if (settings != null && !settings.tls().enabled()) {
            log.warn("grpc.auth.mtls.enabled is set, but the gRPC server does not use TLS "
                    + "(grpc.server.security.enabled): no call will carry a client certificate");
        }
        return new ClientCertificateAuthenticator(properties.getMtls());
    }
}
