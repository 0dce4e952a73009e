package io.github.grpcops.auth.springsecurity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.grpcops.pipeline.PipelineOrder;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Every auto-configuration plus {@link SecuredEchoService} under method security, on a real Netty server.
 * Method security is switched on with the two advisors {@code @EnableMethodSecurity(securedEnabled = true)}
 * registers (Spring Security's own {@code AuthorizationManagerBeforeMethodInterceptor}s for
 * {@code @PreAuthorize} and {@code @Secured}): the annotation lives in spring-security-config, whose
 * presence would switch on Spring Boot's servlet security for every other test of this module.
 * {@link LeakDetector}, outermost, notes any callback that starts with a {@code SecurityContext} left
 * on its thread by another call.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SecuredEchoService.class)
public class SecurityProbeApplication {

    @Bean
    GrpcTestClient grpcTestClient() {
        return new GrpcTestClient();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor preAuthorizeMethodSecurity() {
        return AuthorizationManagerBeforeMethodInterceptor.preAuthorize();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor securedMethodSecurity() {
        return AuthorizationManagerBeforeMethodInterceptor.secured();
    }

    /**
     * Records every callback that finds an authentication already on its thread: one left by another call.
     * (A bean as a member class of this configuration.)
     */
    @GrpcGlobalServerInterceptor
    public static class LeakDetector implements ServerInterceptor, Ordered {

        private final List<String> leaks = new CopyOnWriteArrayList<>();

        public List<String> leaks() {
            return this.leaks;
        }

        @Override
        public int getOrder() {
            return PipelineOrder.REQUEST_LOG - 1;
        }

        @Override
        public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                ServerCallHandler<ReqT, RespT> next) {
            check("startCall");
            return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
                @Override
                public void onMessage(ReqT message) {
                    check("onMessage");
                    super.onMessage(message);
                }

                @Override
                public void onHalfClose() {
                    check("onHalfClose");
                    super.onHalfClose();
                }

                @Override
                public void onCancel() {
                    check("onCancel");
                    super.onCancel();
                }

                @Override
                public void onComplete() {
                    check("onComplete");
                    super.onComplete();
                }

                @Override
                public void onReady() {
                    check("onReady");
                    super.onReady();
                }
            };
        }

        private void check(String callback) {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null) {
                this.leaks.add(callback + " on " + Thread.currentThread().getName() + " found "
                        + authentication.getName());
            }
        }
    }
}
