package io.github.grpcops.netdevh;

import io.github.grpcops.client.actuate.InvokeEndpointAutoConfiguration;
import io.github.grpcops.metrics.GrpcMetricsAutoConfiguration;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.server.BuiltInService;
import io.github.grpcops.server.ServerBuilderCustomizer;
import io.github.grpcops.server.ServerLifecycleEvent;
import io.github.grpcops.server.ServerSettings;
import io.github.grpcops.server.ServiceDefinitionTransformer;
import io.github.grpcops.server.ServiceDiscovery;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.serverfactory.GrpcServerFactory;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs grpc-ops into net.devh's grpc-server-spring-boot-starter, the one place that knows it:
 * {@link PipelineInterceptor} beans become global interceptors, {@link ServerBuilderCustomizer}s run as
 * a {@link GrpcServerConfigurer}, the server's life is published as {@link ServerLifecycleEvent}s,
 * {@link ServerSettings} are read from {@link GrpcServerProperties}, {@link BuiltInService}s are served
 * and every service passes the {@link ServiceDefinitionTransformer}s, and {@link ServiceDiscovery} finds
 * the {@code @GrpcService} beans. Runs after net.devh's server auto-configuration and grpc-ops' metrics
 * (whose interceptor replaces net.devh's), before the auto-configurations that need a server's settings.
 */
@AutoConfiguration(after = { GrpcServerAutoConfiguration.class, GrpcMetricsAutoConfiguration.class },
        before = InvokeEndpointAutoConfiguration.class)
@ConditionalOnClass(GrpcServerFactory.class)
public class NetDevhAdapterAutoConfiguration {

    @Bean
    PipelineInterceptorConfigurer pipelineInterceptorConfigurer(ListableBeanFactory beans) {
        return new PipelineInterceptorConfigurer(beans);
    }

    @Bean
    GrpcServerConfigurer serverBuilderCustomizers(ObjectProvider<ServerBuilderCustomizer> customizers) {
        return builder -> customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    }

    @Bean
    NetDevhLifecycleEvents netDevhLifecycleEvents(ApplicationEventPublisher events) {
        return new NetDevhLifecycleEvents(events);
    }

    @Bean
    static LifecycleReportingServerFactoryPostProcessor lifecycleReportingServerFactoryPostProcessor(
            ApplicationEventPublisher events) {
        return new LifecycleReportingServerFactoryPostProcessor(events);
    }

    @Bean
    static BeanPostProcessor builtInServicesDiscovererPostProcessor(ListableBeanFactory beans) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return (bean instanceof GrpcServiceDiscoverer discoverer)
                        ? new BuiltInServicesDiscoverer(discoverer, beans) : bean;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceDiscovery grpcServiceDiscovery(ListableBeanFactory beans) {
        return new NetDevhServiceDiscovery(beans);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(GrpcServerProperties.class)
    ServerSettings grpcServerSettings(GrpcServerProperties properties) {
        GrpcServerProperties.Security security = properties.getSecurity();
        return new ServerSettings(properties.getMaxInboundMessageSize(),
                new ServerSettings.Tls(security.isEnabled(), security.getCertificateChain()));
    }

    /** Only while grpc-ops times calls: otherwise net.devh's interceptor is the application's only timer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(type = "io.github.grpcops.metrics.MetricsServerInterceptor")
    @ConditionalOnBooleanProperty(name = "grpc.metrics.replace-net-devh-interceptor", matchIfMissing = true)
    static class MetricInterceptorReplacement {

        @Bean
        static NetDevhMetricInterceptorRemover netDevhMetricInterceptorRemover() {
            return new NetDevhMetricInterceptorRemover();
        }
    }
}
