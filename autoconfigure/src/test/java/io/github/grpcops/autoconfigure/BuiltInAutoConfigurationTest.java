package io.github.grpcops.autoconfigure;


import io.github.grpcops.actuate.GrpcEndpoint;
import io.github.grpcops.actuate.GrpcEndpointAutoConfiguration;
import io.github.grpcops.consolelog.ConsoleLogAutoConfiguration;
import io.github.grpcops.consolelog.ConsoleLogProperties;
import io.github.grpcops.consolelog.ConsoleLogServerInterceptor;
import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import io.github.grpcops.requestid.RequestIdAutoConfiguration;
import io.github.grpcops.requestid.RequestIdProperties;
import io.github.grpcops.requestid.RequestIdServerInterceptor;
import io.github.grpcops.server.BoundedCallExecutor;
import io.github.grpcops.server.GrpcExecutorAutoConfiguration;
import io.github.grpcops.server.GrpcExecutorProperties;
import io.github.grpcops.server.OverloadServerInterceptor;
import io.github.grpcops.server.RequestGuardAutoConfiguration;
import io.github.grpcops.server.RequestGuardServerInterceptor;
import io.github.grpcops.server.RequestMessageGuard;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each built-in auto-configuration: on by default, backs off when the user defines the bean,
 * switched off by its property, absent without its library.
 */
class BuiltInAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, GrpcExecutorAutoConfiguration.class,
                RequestIdAutoConfiguration.class, ConsoleLogAutoConfiguration.class, RequestGuardAutoConfiguration.class));

    @Test
    void builtInsAreOnByDefaultInPipelineOrder() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(RequestIdServerInterceptor.class)
                .hasSingleBean(ConsoleLogServerInterceptor.class)
                .hasSingleBean(BoundedCallExecutor.class)
                .hasSingleBean(OverloadServerInterceptor.class)
                .hasSingleBean(RequestMessageGuard.class)
                .hasSingleBean(RequestGuardServerInterceptor.class);
            assertThat(context.getBean(RequestIdServerInterceptor.class).getOrder()).isEqualTo(-9000);
            assertThat(context.getBean(OverloadServerInterceptor.class).getOrder()).isEqualTo(-8500);
            assertThat(context.getBean(ConsoleLogServerInterceptor.class).getOrder()).isEqualTo(-8000);
        });
    }

    @Test
    void propertiesMoveAndLimitTheBuiltIns() {
        this.runner
            .withPropertyValues("grpc.console-log.order=50", "grpc.console-log.exclude-methods=grpc.health.*",
                    "grpc.executor.max-workers=3", "grpc.executor.queue-capacity=7")
            .run(context -> {
                assertThat(context.getBean(ConsoleLogServerInterceptor.class).getOrder()).isEqualTo(50);
                assertThat(context.getBean(ConsoleLogProperties.class).getExcludeMethods())
                    .containsExactly("grpc.health.*");
                GrpcExecutorProperties executor = context.getBean(BoundedCallExecutor.class).properties();
                assertThat(executor.getMaxWorkers()).isEqualTo(3);
                assertThat(executor.getQueueCapacity()).isEqualTo(7);
            });
    }

    @Test
    void eachBuiltInIsSwitchedOffByItsProperty() {
        this.runner
            .withPropertyValues("grpc.console-log.enabled=false", "grpc.request-id.enabled=false",
                    "grpc.executor.enabled=false", "grpc.request-guard.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ConsoleLogServerInterceptor.class)
                .doesNotHaveBean(RequestIdServerInterceptor.class)
                .doesNotHaveBean(RequestIdProperties.class)
                .doesNotHaveBean(BoundedCallExecutor.class)
                .doesNotHaveBean(OverloadServerInterceptor.class)
                .doesNotHaveBean(RequestMessageGuard.class)
                .doesNotHaveBean(RequestGuardServerInterceptor.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheBeans() {
        RequestIdServerInterceptor requestId = new RequestIdServerInterceptor(new RequestIdProperties());
        ConsoleLogServerInterceptor consoleLog = new ConsoleLogServerInterceptor(new ConsoleLogProperties());
        GrpcExecutorProperties executorProperties = new GrpcExecutorProperties();
        executorProperties.setMaxWorkers(2);
        BoundedCallExecutor executor = new BoundedCallExecutor(executorProperties);
        this.runner.withBean(RequestIdServerInterceptor.class, () -> requestId)
            .withBean(ConsoleLogServerInterceptor.class, () -> consoleLog)
            .withBean(BoundedCallExecutor.class, () -> executor)
            .run(context -> {
                assertThat(context.getBean(RequestIdServerInterceptor.class)).isSameAs(requestId);
                assertThat(context.getBean(ConsoleLogServerInterceptor.class)).isSameAs(consoleLog);
                assertThat(context.getBean(BoundedCallExecutor.class)).isSameAs(executor);
            });
    }

    @Test
    void invalidPoolSizeFailsStartupWithAMessage() {
        this.runner.withPropertyValues("grpc.executor.max-workers=0")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("grpc.executor.max-workers is 0, but must be at least 1"));
    }

    @Test
    void schemaInitializerNeedsADataSourceAndJdbc() {
        ApplicationContextRunner jdbc = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, GrpcJdbcAutoConfiguration.class));
        jdbc.run(context -> assertThat(context).hasSingleBean(GrpcOpsSchemaInitializer.class));
        jdbc.withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
            .run(context -> assertThat(context).doesNotHaveBean(GrpcOpsSchemaInitializer.class));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GrpcJdbcAutoConfiguration.class))
            .run(context -> assertThat(context).doesNotHaveBean(GrpcOpsSchemaInitializer.class));
    }

    @Test
    void endpointNeedsActuatorAndExposure() {
        ApplicationContextRunner actuator = new ApplicationContextRunner().withConfiguration(AutoConfigurations
            .of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class, GrpcEndpointAutoConfiguration.class));
        actuator.withPropertyValues("management.endpoints.web.exposure.include=grpc")
            .run(context -> assertThat(context).hasSingleBean(GrpcEndpoint.class));
        actuator.run(context -> assertThat(context).doesNotHaveBean(GrpcEndpoint.class));
        actuator.withPropertyValues("management.endpoints.web.exposure.include=grpc")
            .withClassLoader(new FilteredClassLoader(WebEndpoint.class))
            .run(context -> assertThat(context).doesNotHaveBean(GrpcEndpoint.class));
    }
}
