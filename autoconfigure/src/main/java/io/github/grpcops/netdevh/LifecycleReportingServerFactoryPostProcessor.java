package io.github.grpcops.netdevh;

import io.grpc.Server;
import net.devh.boot.grpc.server.serverfactory.GrpcServerFactory;
import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Makes net.devh's server factory hand out {@link LifecycleReportingServer}s. The factory is proxied by
 * subclass because net.devh injects it by its concrete class into its lifecycle bean.
 */
class LifecycleReportingServerFactoryPostProcessor implements BeanPostProcessor {

    private final ApplicationEventPublisher events;

    LifecycleReportingServerFactoryPostProcessor(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof GrpcServerFactory factory)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            Object result = invocation.proceed();
            if (result instanceof Server server && "createServer".equals(invocation.getMethod().getName())) {
                return new LifecycleReportingServer(server, factory.getAddress(), factory.getPort(), this.events);
            }
            return result;
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }
}
