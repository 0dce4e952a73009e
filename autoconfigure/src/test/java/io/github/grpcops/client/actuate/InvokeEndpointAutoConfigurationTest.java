package io.github.grpcops.client.actuate;

import io.github.grpcops.client.DynamicGrpcClient;
import io.github.grpcops.server.ServerSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class InvokeEndpointAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(InvokeEndpointAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=grpc")
        .withBean(ServerSettings.class, () -> ServerSettings.DEFAULTS);

    @Test
    void invokeIsOffByDefault() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(InvokeEndpointSection.class));
    }

    @Test
    void invokeIsOnWhenEnabled() {
        this.runner.withPropertyValues("grpc.actuator.invoke-enabled=true", "grpc.actuator.invoke-timeout=3s")
            .run(context -> {
                assertThat(context).hasSingleBean(InvokeEndpointSection.class);
                assertThat(context.getBean(InvokeEndpointProperties.class).getInvokeTimeout()).hasSeconds(3);
            });
    }

    @Test
    void schemaIsOnWithoutInvokeAndOffWhenDisabled() {
        this.runner.run(context -> assertThat(context).hasSingleBean(SchemaEndpointSection.class));
        this.runner.withPropertyValues("grpc.actuator.schema-enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(SchemaEndpointSection.class));
    }

    @Test
    void invokeBacksOffWhenUserDefinesTheSection() {
        InvokeEndpointSection own = new InvokeEndpointSection(new InvokeEndpointProperties(),
                new OwnServerClient(new InvokeEndpointProperties(), ServerSettings.DEFAULTS));
        this.runner.withPropertyValues("grpc.actuator.invoke-enabled=true")
            .withBean(InvokeEndpointSection.class, () -> own)
            .run(context -> assertThat(context.getBean(InvokeEndpointSection.class)).isSameAs(own));
    }

    @Test
    void invokeBacksOffWithoutActuator() {
        this.runner.withPropertyValues("grpc.actuator.invoke-enabled=true")
            .withClassLoader(new FilteredClassLoader(WebEndpoint.class))
            .run(context -> assertThat(context).doesNotHaveBean(InvokeEndpointSection.class));
    }

    @Test
    void invokeBacksOffWithoutTheClientModule() {
        this.runner.withPropertyValues("grpc.actuator.invoke-enabled=true")
            .withClassLoader(new FilteredClassLoader(DynamicGrpcClient.class))
            .run(context -> assertThat(context).doesNotHaveBean(InvokeEndpointSection.class));
    }

    @Test
    void invokeIsAbsentWhenTheEndpointIsNotExposed() {
        this.runner.withPropertyValues("grpc.actuator.invoke-enabled=true",
                "management.endpoints.web.exposure.include=health")
            .run(context -> assertThat(context).doesNotHaveBean(InvokeEndpointSection.class));
    }

    @Test
    void invokeBacksOffWithoutAGrpcServer() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InvokeEndpointAutoConfiguration.class))
            .withPropertyValues("grpc.actuator.invoke-enabled=true")
            .run(context -> assertThat(context).doesNotHaveBean(InvokeEndpointSection.class));
    }
}
