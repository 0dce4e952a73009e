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
import io.github.grpcops.server.UnknownMethods;
import io.github.grpcops.tracing.GrpcTracingAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.serverfactory.GrpcServerFactory;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs grpc-ops into net.devh's grpc-server-spring-boot-starter, the one place that knows it:
 * {@link PipelineInterceptor} beans become global interceptors, {@link ServerBuilderCustomizer}s run as
 * a {@link GrpcServerConfigurer}, the server's life is published as {@link ServerLifecycleEvent}s,
 * {@link ServerSettings} are read from {@link GrpcServerProperties}, {@link BuiltInService}s are served
 * and every service passes the {@link ServiceDefinitionTransformer}s, calls to methods no service has
 * are served by {@link UnknownMethods} through the same interceptors, and {@link ServiceDiscovery} finds
 * the {@code @GrpcService} beans. Runs after net.devh's server auto-configuration and grpc-ops' metrics
 * and tracing (whose interceptors replace net.devh's call meters and observation), before
 * the auto-configurations that need a server's settings.
 */
@AutoConfiguration(after = { GrpcServerAutoConfiguration.class, GrpcMetricsAutoConfiguration.class,
        GrpcTracingAutoConfiguration.class }, before = InvokeEndpointAutoConfiguration.class)
@ConditionalOnClass(GrpcServerFactory.class)
public class NetDevhAdapterAutoConfiguration {

    @Bean
    PipelineInterceptorConfigurer pipelineInterceptorConfigurer(ListableBeanFactory beans) {
        return new PipelineInterceptorConfigurer(beans);
    }

    @Bean
    GrpcServerConfigurer serverBuilderCustomizers(ObjectProvider<ServerBuilderCustomizer> customizers,
            ObjectProvider<UnknownMethods> unknownMethods, ListableBeanFactory beans) {
        return builder -> {
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            unknownMethods.ifAvailable(unknown -> builder
                .fallbackHandlerRegistry(new UnknownMethodRegistry(unknown, new GlobalBinding(beans))));
        };
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

    /**
     * Only while grpc-ops times calls: otherwise net.devh's meters are the application's only ones. Each
     * call is then timed once, by grpc-ops, unless the application asks for net.devh's as well.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(type = "io.github.grpcops.metrics.MetricsServerInterceptor")
    static class MetricsReplacement {

        @Bean
        @ConditionalOnBooleanProperty(name = "grpc.metrics.replace-net-devh-interceptor", matchIfMissing = true)
        static NetDevhBeanRemover netDevhMetricInterceptorRemover() {
            return NetDevhBeanRemover.metricInterceptor();
        }

        @Bean
        @ConditionalOnBooleanProperty(name = "grpc.metrics.net-devh-a66-enabled", havingValue = false,
                matchIfMissing = true)
        static NetDevhBeanRemover netDevhA66StreamTracerRemover() {
            return NetDevhBeanRemover.a66StreamTracer();
        }
    }

    /**
     * While grpc-ops times or traces calls, net.devh's Observation interceptor would time them again and,
     * with a tracer, open a second span, inside authentication, where rejected calls never reach it.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(GrpcOpsObservesCalls.class)
    @ConditionalOnBooleanProperty(name = "grpc.metrics.net-devh-observation-enabled", havingValue = false,
            matchIfMissing = true)
    static class ObservationReplacement {

        @Bean
        static NetDevhBeanRemover netDevhObservationInterceptorRemover() {
            return NetDevhBeanRemover.observationInterceptor();
        }
    }

    /** grpc-ops' metrics or its tracing is registered. */
    static class GrpcOpsObservesCalls extends AnyNestedCondition {

        GrpcOpsObservesCalls() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(type = "io.github.grpcops.metrics.MetricsServerInterceptor")
        static class Metrics {
        }

        @ConditionalOnBean(type = "io.github.grpcops.tracing.TracingServerInterceptor")
        static class Tracing {
        }
    }
}
