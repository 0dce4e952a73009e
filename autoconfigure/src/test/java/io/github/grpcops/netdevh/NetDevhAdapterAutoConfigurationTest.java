package io.github.grpcops.netdevh;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.ServiceImplementations;
import io.github.grpcops.client.DynamicGrpcClient;
import io.github.grpcops.client.actuate.InvokeEndpointAutoConfiguration;
import io.github.grpcops.consolelog.ConsoleLogAutoConfiguration;
import io.github.grpcops.consolelog.ConsoleLogServerInterceptor;
import io.github.grpcops.metrics.GrpcMetricsAutoConfiguration;
import io.github.grpcops.pipeline.CallFactsServerInterceptor;
import io.github.grpcops.pipeline.GrpcMethodMatcher;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.pipeline.PipelineOrder;
import io.github.grpcops.reflection.ReflectionV1;
import io.github.grpcops.reflection.ReflectionV1AutoConfiguration;
import io.github.grpcops.reflection.ReflectionV1Service;
import io.github.grpcops.requestid.RequestIdAutoConfiguration;
import io.github.grpcops.requestid.RequestIdServerInterceptor;
import io.github.grpcops.server.GrpcExecutorAutoConfiguration;
import io.github.grpcops.server.OverloadServerInterceptor;
import io.github.grpcops.server.RequestGuardAutoConfiguration;
import io.github.grpcops.server.RequestGuardServerInterceptor;
import io.github.grpcops.server.RequestMessageGuard;
import io.github.grpcops.server.ServerBuilderCustomizer;
import io.github.grpcops.server.ServerLifecycleEvent;
import io.github.grpcops.server.ServerSettings;
import io.github.grpcops.server.ServiceDefinitionTransformer;
import io.github.grpcops.server.ServiceDiscovery;
import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.github.grpcops.tracing.GrpcTracingAutoConfiguration;
import io.grpc.Metadata;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerMicrometerTraceAutoConfiguration;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorRegistry;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import net.devh.boot.grpc.server.scope.GrpcRequestScope;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.service.GrpcService;
import net.devh.boot.grpc.server.service.GrpcServiceDefinition;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The net.devh adapter: what it registers with net.devh (interceptors, builder customizers, built-in
 * services, definition transformers), what it publishes (lifecycle events, settings, service
 * discovery), and that grpc-ops' core loads without it.
 */
class NetDevhAdapterAutoConfigurationTest {

    private static final String METRIC_INTERCEPTOR = NetDevhBeanRemover.metricInterceptor().beanName();

    private static final String A66_TRACER = NetDevhBeanRemover.a66StreamTracer().beanName();

    private static final String OBSERVATION_INTERCEPTOR = NetDevhBeanRemover.observationInterceptor().beanName();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GrpcServerAutoConfiguration.class, NetDevhAdapterAutoConfiguration.class,
                PipelineAutoConfiguration.class, RequestIdAutoConfiguration.class, ConsoleLogAutoConfiguration.class,
                GrpcExecutorAutoConfiguration.class, RequestGuardAutoConfiguration.class));

    @Test
    void everyPipelineInterceptorIsRegisteredOnceAndSortedWithTheApplicationsInterceptors() {
        this.runner.withUserConfiguration(ApplicationInterceptors.class).run(context -> {
            List<Object> chain = List.copyOf(context.getBean(GlobalServerInterceptorRegistry.class)
                .getServerInterceptors());
            // net.devh's request scope is an interceptor of its own
            assertThat(chain).filteredOn(interceptor -> !(interceptor instanceof GrpcRequestScope))
                .containsExactly(context.getBean(CallFactsServerInterceptor.class),
                        context.getBean(RequestIdServerInterceptor.class),
                        context.getBean(OverloadServerInterceptor.class),
                        context.getBean("annotatedPipelineInterceptor"),
                        context.getBean(ConsoleLogServerInterceptor.class),
                        context.getBean("plainPipelineInterceptor"), context.getBean("annotatedInterceptor"),
                        context.getBean(RequestGuardServerInterceptor.class));
        });
    }

    @Test
    void serverBuilderCustomizersRunInTheirOrderThroughOneServerConfigurer() {
        List<String> applied = new CopyOnWriteArrayList<>();
        this.runner.withPropertyValues("grpc.executor.enabled=false", "grpc.request-guard.enabled=false")
            .withBean("second", ServerBuilderCustomizer.class, () -> new Recording(applied, "second", 2))
            .withBean("first", ServerBuilderCustomizer.class, () -> new Recording(applied, "first", 1))
            .run(context -> {
                assertThat(context).hasSingleBean(GrpcServerConfigurer.class);
                context.getBean(GrpcServerConfigurer.class).accept(InProcessServerBuilder.forName("customized"));
                assertThat(applied).containsExactly("first", "second");
            });
    }

    @Test
    void settingsAreReadFromNetDevhsServerProperties() {
        this.runner.withPropertyValues("grpc.server.max-inbound-message-size=2MB", "grpc.server.security.enabled=true",
                "grpc.server.security.certificate-chain=classpath:io/github/grpcops/client/tls/server.pem")
            .run(context -> {
                ServerSettings settings = context.getBean(ServerSettings.class);
                assertThat(settings.maxInboundMessageSize().toMegabytes()).isEqualTo(2);
                assertThat(settings.tls().enabled()).isTrue();
                assertThat(settings.tls().certificateChain().getFilename()).isEqualTo("server.pem");
            });
        this.runner.run(context -> assertThat(context.getBean(ServerSettings.class)).isEqualTo(ServerSettings.DEFAULTS));
    }

    @Test
    void aRealServerReportsItsLifeServesBuiltInServicesThroughThePipelineAndTransformsEveryService() {
        LifecycleRecorder lifecycle = new LifecycleRecorder();
        this.runner.withConfiguration(AutoConfigurations.of(GrpcServerFactoryAutoConfiguration.class,
                ReflectionV1AutoConfiguration.class))
            .withPropertyValues("grpc.server.port=0", "grpc.server.address=127.0.0.1")
            .withUserConfiguration(EchoApplication.class)
            .withBean(LifecycleRecorder.class, () -> lifecycle)
            .run(context -> {
                assertThat(lifecycle.events).hasSize(2);
                ServerLifecycleEvent.Starting starting = (ServerLifecycleEvent.Starting) lifecycle.events.get(0);
                ServerLifecycleEvent.Started started = (ServerLifecycleEvent.Started) lifecycle.events.get(1);
                assertThat(started.port()).isPositive()
                    .isEqualTo(starting.port())
                    .isEqualTo(started.server().getPort());
                assertThat(started.address()).isEqualTo("127.0.0.1");
                assertThat(context.getBean(Transformed.class).services).containsExactlyInAnyOrder(
                        EchoServiceGrpc.SERVICE_NAME, ReflectionV1.serviceDescriptor().getName());

                try (DynamicGrpcClient client = DynamicGrpcClient.forAddress("127.0.0.1", started.port()).build()) {
                    assertThat(client.listServices()).contains(EchoServiceGrpc.SERVICE_NAME);
                }
                assertThat(context.getBean(Seen.class).methods)
                    .contains(ReflectionV1.METHOD.getFullMethodName());
                assertThat(context.getBean(ServiceDiscovery.class).services())
                    .hasExactlyElementsOfTypes(EchoTestService.class, ReflectionV1Service.class);
            });
        assertThat(lifecycle.events).extracting(Object::getClass)
            .containsExactly(ServerLifecycleEvent.Starting.class, ServerLifecycleEvent.Started.class,
                    ServerLifecycleEvent.Stopping.class, ServerLifecycleEvent.Terminated.class);
    }

    @Test
    void aServerThatCannotBindReportsTheFailureWithItsCause() throws Exception {
        LifecycleRecorder lifecycle = new LifecycleRecorder();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            this.runner.withConfiguration(AutoConfigurations.of(GrpcServerFactoryAutoConfiguration.class))
                .withPropertyValues("grpc.server.port=" + taken.getLocalPort(), "grpc.server.address=127.0.0.1")
                .withBean(LifecycleRecorder.class, () -> lifecycle)
                .run(context -> assertThat(context).hasFailed());
        }
        assertThat(lifecycle.events).extracting(Object::getClass)
            .startsWith(ServerLifecycleEvent.Starting.class, ServerLifecycleEvent.StartFailed.class);
        ServerLifecycleEvent.StartFailed failed = (ServerLifecycleEvent.StartFailed) lifecycle.events.get(1);
        assertThat(failed.cause()).hasMessageContaining("bind");
    }

    @Test
    void aBuiltInServiceThatIsAlsoAGrpcServiceIsFoundOnce() {
        this.runner.withConfiguration(AutoConfigurations.of(ReflectionV1AutoConfiguration.class))
            .withUserConfiguration(AnnotatedReflection.class)
            .run(context -> {
                assertThat(context.getBean(GrpcServiceDiscoverer.class).findGrpcServices())
                    .extracting(GrpcServiceDefinition::getDefinition)
                    .extracting(definition -> definition.getServiceDescriptor().getName())
                    .containsOnlyOnce(ReflectionV1.serviceDescriptor().getName());
                assertThat(context.getBean(ServiceDiscovery.class).services()).hasSize(1);
            });
    }

    @Test
    void whileGrpcOpsTimesCallsNetDevhsMetricInterceptorA66TracerAndObservationAreRemoved() {
        netDevhMeters().run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(METRIC_INTERCEPTOR)
            .doesNotHaveBean(A66_TRACER)
            .doesNotHaveBean(OBSERVATION_INTERCEPTOR));
    }

    @Test
    void netDevhsMetersStayWhenTheApplicationAsksForThem() {
        netDevhMeters()
            .withPropertyValues("grpc.metrics.replace-net-devh-interceptor=false",
                    "grpc.metrics.net-devh-a66-enabled=true", "grpc.metrics.net-devh-observation-enabled=true")
            .run(context -> assertThat(context).hasBean(METRIC_INTERCEPTOR)
                .hasBean(A66_TRACER)
                .hasBean(OBSERVATION_INTERCEPTOR));
    }

    @Test
    void withoutGrpcOpsMetricsNetDevhsMetersStayAndTracingAloneReplacesTheObservation() {
        ApplicationContextRunner noMetrics = netDevhMeters().withPropertyValues("grpc.metrics.enabled=false");
        noMetrics.run(context -> assertThat(context).hasBean(METRIC_INTERCEPTOR)
            .hasBean(A66_TRACER)
            .hasBean(OBSERVATION_INTERCEPTOR));
        noMetrics.withConfiguration(AutoConfigurations.of(GrpcTracingAutoConfiguration.class))
            .run(context -> assertThat(context).hasBean(METRIC_INTERCEPTOR)
                .hasBean(A66_TRACER)
                .doesNotHaveBean(OBSERVATION_INTERCEPTOR));
    }

    /** net.devh's metric and observation auto-configurations next to grpc-ops' metrics. */
    private ApplicationContextRunner netDevhMeters() {
        return this.runner
            .withConfiguration(AutoConfigurations.of(GrpcServerMetricAutoConfiguration.class,
                    GrpcServerMicrometerTraceAutoConfiguration.class, GrpcMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(ObservationRegistry.class, ObservationRegistry::create);
    }

    @Test
    void backsOffWithoutNetDevhWhileTheCoreStillLoads() {
        new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("net.devh"))
            .withConfiguration(AutoConfigurations.of(NetDevhAdapterAutoConfiguration.class,
                    PipelineAutoConfiguration.class, RequestIdAutoConfiguration.class, GrpcExecutorAutoConfiguration.class,
                    RequestGuardAutoConfiguration.class, ReflectionV1AutoConfiguration.class,
                    GrpcAuthAutoConfiguration.class, InvokeEndpointAutoConfiguration.class))
            .withPropertyValues("grpc.actuator.invoke-enabled=true")
            .run(context -> {
                assertThat(context).hasNotFailed()
                    .doesNotHaveBean(PipelineInterceptorConfigurer.class)
                    .doesNotHaveBean(GrpcServerConfigurer.class)
                    .doesNotHaveBean(ServerSettings.class)
                    .doesNotHaveBean(ServiceDiscovery.class)
                    .doesNotHaveBean("invokeEndpointSection")
                    .hasSingleBean(RequestIdServerInterceptor.class)
                    .hasSingleBean(OverloadServerInterceptor.class)
                    .hasSingleBean(RequestMessageGuard.class)
                    .hasSingleBean(ReflectionV1Service.class);
                assertThat(context.getBean(ServiceImplementations.class)
                    .implementationOf(EchoServiceGrpc.getEchoMethod())).isNull();
            });
    }

    /** Passes calls on; only its place in the chain matters. */
    static class PassThrough extends PipelineInterceptor {

        PassThrough(int order) {
            super(GrpcMethodMatcher.all(), order);
        }

        @Override
        public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                ServerCallHandler<ReqT, RespT> next) {
            return next.startCall(call, headers);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationInterceptors {

        /** net.devh registers it for its annotation; the adapter must not add it a second time. */
        @Bean
        @GrpcGlobalServerInterceptor
        PipelineInterceptor annotatedPipelineInterceptor() {
            return new PassThrough(PipelineOrder.OVERLOAD + 100);
        }

        @Bean
        PipelineInterceptor plainPipelineInterceptor() {
            return new PassThrough(PipelineOrder.AUTH + 100);
        }

        @Bean
        @GrpcGlobalServerInterceptor
        @Order(0)
        ServerInterceptor annotatedInterceptor() {
            return new ServerInterceptor() {
                @Override
                public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
                        Metadata headers, ServerCallHandler<ReqT, RespT> next) {
                    return next.startCall(call, headers);
                }
            };
        }
    }

    record Recording(List<String> applied, String name, int order)
            implements ServerBuilderCustomizer, org.springframework.core.Ordered {

        @Override
        public void customize(ServerBuilder<?> builder) {
            this.applied.add(this.name);
        }

        @Override
        public int getOrder() {
            return this.order;
        }
    }

    static class LifecycleRecorder {

        final List<ServerLifecycleEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        public void on(ServerLifecycleEvent event) {
            this.events.add(event);
        }
    }

    /** The methods a pipeline interceptor saw called. */
    static class Seen extends PipelineInterceptor {

        final List<String> methods = new CopyOnWriteArrayList<>();

        Seen() {
            super(GrpcMethodMatcher.all(), 0);
        }

        @Override
        public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                ServerCallHandler<ReqT, RespT> next) {
            this.methods.add(call.getMethodDescriptor().getFullMethodName());
            return next.startCall(call, headers);
        }
    }

    /** The services a transformer was given, each returned unchanged. */
    static class Transformed implements ServiceDefinitionTransformer {

        final List<String> services = new CopyOnWriteArrayList<>();

        @Override
        public ServerServiceDefinition transform(ServerServiceDefinition service) {
            this.services.add(service.getServiceDescriptor().getName());
            return service;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(EchoTestService.class)
    static class EchoApplication {

        @Bean
        Seen seen() {
            return new Seen();
        }

        @Bean
        Transformed transformed() {
            return new Transformed();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AnnotatedReflection {

        @Bean
        @GrpcService
        ReflectionV1Service reflectionV1Service() {
            return new ReflectionV1Service();
        }
    }
}
