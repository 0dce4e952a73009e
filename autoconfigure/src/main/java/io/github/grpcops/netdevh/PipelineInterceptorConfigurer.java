package io.github.grpcops.netdevh;

import java.util.List;

import io.github.grpcops.pipeline.PipelineInterceptor;
import io.grpc.ServerInterceptor;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorConfigurer;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Registers every {@link PipelineInterceptor} bean as a net.devh global interceptor; net.devh then sorts
 * them by {@code Ordered} together with the application's {@link GrpcGlobalServerInterceptor} beans. A
 * pipeline interceptor that is also annotated {@link GrpcGlobalServerInterceptor} is left to net.devh,
 * which registers it already, so it runs once.
 */
class PipelineInterceptorConfigurer implements GlobalServerInterceptorConfigurer {

    private final ListableBeanFactory beans;

    PipelineInterceptorConfigurer(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void configureServerInterceptors(List<ServerInterceptor> interceptors) {
        for (String name : this.beans.getBeanNamesForType(PipelineInterceptor.class)) {
            if (this.beans.findAnnotationOnBean(name, GrpcGlobalServerInterceptor.class) == null) {
                interceptors.add(this.beans.getBean(name, PipelineInterceptor.class));
            }
        }
    }
}
