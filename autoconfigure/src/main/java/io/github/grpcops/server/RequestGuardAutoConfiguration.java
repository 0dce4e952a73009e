package io.github.grpcops.server;

import io.github.grpcops.pipeline.CallRefuser;
import io.grpc.DecompressorRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/**
 * Clear statuses for malformed and oversized request messages ({@code grpc.request-guard.enabled}, on
 * by default). The limit is the server's {@code grpc.server.max-inbound-message-size} (4MB when unset);
 * the transport itself accepts up to twice that (at least 1MB more), so messages between the limit
 * and that ceiling get {@code RESOURCE_EXHAUSTED} with a message, and only larger ones meet grpc-java's
 * stream reset. The guard reaches every service as a {@link ServiceDefinitionTransformer}.
 *
 * <p>Below the interceptors, on the server builder: {@link StreamVerdicts} sees every stream (headers
 * grpc-java would refuse before any interceptor; frames it resets), gzip is read with the message
 * ({@link DeferredGzipDecompressor}), grpc-java's per-stream warnings are summarised
 * ({@link GrpcJavaStreamWarnings}), and calls to unknown methods are served by {@link UnknownMethods}
 * through the pipeline (the server adapter registers it as the fallback handler registry).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "grpc.request-guard.enabled", matchIfMissing = true)
public class RequestGuardAutoConfiguration {

    static final int DEFAULT_LIMIT = 4 * 1024 * 1024;

    /** grpc-java's decompressors (gzip, identity), gzip read with the message. */
    static final DecompressorRegistry DECOMPRESSORS = DecompressorRegistry.getDefaultInstance()
        .with(new DeferredGzipDecompressor(), true);

    @Bean
    @ConditionalOnMissingBean
    RequestMessageGuard requestMessageGuard(ObjectProvider<ServerSettings> settings) {
        return new RequestMessageGuard(limit(settings));
    }

    @Bean
    ServerBuilderCustomizer requestGuardTransportCeiling(ObjectProvider<ServerSettings> settings) {
        int limit = limit(settings);
        long ceiling = Math.max(2L * limit, limit + 1024L * 1024);
        return builder -> builder.maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, ceiling));
    }

    @Bean
    @ConditionalOnMissingBean
    RequestGuardServerInterceptor requestGuardServerInterceptor(CallRefuser refusals) {
        return new RequestGuardServerInterceptor(refusals);
    }

    @Bean
    @ConditionalOnMissingBean
    StreamVerdicts streamVerdicts() {
        return new StreamVerdicts(DECOMPRESSORS);
    }

    @Bean
    ServerBuilderCustomizer requestGuardTransport(StreamVerdicts verdicts) {
        return builder -> builder.decompressorRegistry(DECOMPRESSORS).addStreamTracerFactory(verdicts);
    }

    @Bean
    @ConditionalOnMissingBean
    GrpcJavaStreamWarnings grpcJavaStreamWarnings() {
        return new GrpcJavaStreamWarnings();
    }

    @Bean
    @ConditionalOnMissingBean
    UnknownMethods unknownMethods(CallRefuser refusals) {
        return new UnknownMethods(refusals);
    }

    private static int limit(ObjectProvider<ServerSettings> settings) {
        DataSize size = settings.getIfAvailable(() -> ServerSettings.DEFAULTS).maxInboundMessageSize();
        return (size != null) ? (int) Math.min(Integer.MAX_VALUE, size.toBytes()) : DEFAULT_LIMIT;
    }
}
