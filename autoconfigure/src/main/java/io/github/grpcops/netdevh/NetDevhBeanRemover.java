package io.github.grpcops.netdevh;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Removes net.devh's {@code metricCollectingServerInterceptor} bean definition before it is created.
 * Taking the interceptor out of the pipeline is not enough: its factory method pre-registers every
 * method's timer, and those meters, having the same names and tags as grpc-ops', would win with
 * their own settings (no percentiles, no histogram).
 */
class NetDevhMetricInterceptorRemover implements BeanDefinitionRegistryPostProcessor {

    static final String BEAN_NAME = "metricCollectingServerInterceptor";

    static final String DECLARING_CLASS = "net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(BEAN_NAME)) {
            BeanDefinition definition = registry.getBeanDefinition(BEAN_NAME);
            String factory = definition.getFactoryBeanName();
            if (factory != null && registry.containsBeanDefinition(factory)
                    && DECLARING_CLASS.equals(registry.getBeanDefinition(factory).getBeanClassName())) {
                registry.removeBeanDefinition(BEAN_NAME);
            }
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
