package io.github.grpcops.netdevh;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Removes one of net.devh's bean definitions before it is created, when it is there and declared by the
 * expected net.devh configuration: grpc-ops does its work, so it would only time (or trace) each call a
 * second time. Taking an interceptor out of the pipeline is not enough: net.devh's metric interceptor's
 * factory method pre-registers every method's timer, and those meters, having the same names and tags as
 * grpc-ops', would win with their own settings (no percentiles, no histogram).
 */
class NetDevhBeanRemover implements BeanDefinitionRegistryPostProcessor {

    static final String METRIC_CONFIGURATION = "net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration";

    static final String TRACE_CONFIGURATION = "net.devh.boot.grpc.server.autoconfigure.GrpcServerMicrometerTraceAutoConfiguration";

    /** Micrometer's gRPC binder interceptor: {@code grpc.server.processing.duration} and its counters. */
    static NetDevhBeanRemover metricInterceptor() {
        return new NetDevhBeanRemover("metricCollectingServerInterceptor", METRIC_CONFIGURATION);
    }

    /** The gRFC A66 stream tracer: {@code grpc.server.call.duration}, {@code grpc.server.call.started} … */
    static NetDevhBeanRemover a66StreamTracer() {
        return new NetDevhBeanRemover("streamTracerFactoryConfigurer", METRIC_CONFIGURATION);
    }

    /**
     * Micrometer's {@code ObservationGrpcServerInterceptor} at order 2501, inside authentication:
     * {@code grpc.server} and {@code grpc.server.active}, and with a tracer a span of its own.
     */
    static NetDevhBeanRemover observationInterceptor() {
        return new NetDevhBeanRemover("globalObservationGrpcServerInterceptorConfigurer", TRACE_CONFIGURATION);
    }

    private final String beanName;

    private final String declaringClass;

    NetDevhBeanRemover(String beanName, String declaringClass) {
        this.beanName = beanName;
        this.declaringClass = declaringClass;
    }

    String beanName() {
        return this.beanName;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(this.beanName)) {
            BeanDefinition definition = registry.getBeanDefinition(this.beanName);
            String factory = definition.getFactoryBeanName();
            if (factory != null && registry.containsBeanDefinition(factory)
                    && this.declaringClass.equals(registry.getBeanDefinition(factory).getBeanClassName())) {
                registry.removeBeanDefinition(this.beanName);
            }
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
