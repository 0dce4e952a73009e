package io.github.grpcops.status;

import io.grpc.Server;
import net.devh.boot.grpc.server.serverfactory.GrpcServerFactory;
import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Makes net.devh's server factory hand out {@link StatusReportingServer}s. The factory is proxied by
 * subclass because net.devh injects it by its concrete class into its lifecycle bean.
 */
class StatusReportingServerFactoryPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<ServerStatusTracker> tracker;

    StatusReportingServerFactoryPostProcessor(ObjectProvider<ServerStatusTracker> tracker) {
        this.tracker = tracker;
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
                ServerStatusTracker reporter = this.tracker.getIfAvailable();
                return (reporter != null)
                        ? new StatusReportingServer(server, factory.getAddress(), factory.getPort(), reporter) : server;
            }
            return result;
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }
}
