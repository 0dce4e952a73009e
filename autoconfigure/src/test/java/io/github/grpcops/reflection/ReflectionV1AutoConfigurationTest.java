package io.github.grpcops.reflection;

import io.grpc.protobuf.services.ProtoReflectionService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ReflectionV1AutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ReflectionV1AutoConfiguration.class));

    @Test
    void reflectionV1IsServedByDefault() {
        this.runner.run(context -> assertThat(context).hasSingleBean(ReflectionV1Service.class));
    }

    @Test
    void reflectionV1BacksOffWhenUserDefinesIt() {
        ReflectionV1Service own = new ReflectionV1Service();
        this.runner.withBean(ReflectionV1Service.class, () -> own)
            .run(context -> assertThat(context.getBean(ReflectionV1Service.class)).isSameAs(own));
    }

    @Test
    void reflectionV1FollowsNetDevhsReflectionSwitch() {
        this.runner.withPropertyValues("grpc.server.reflection-service-enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ReflectionV1Service.class));
    }

    @Test
    void reflectionV1BacksOffWithoutGrpcServices() {
        this.runner.withClassLoader(new FilteredClassLoader(ProtoReflectionService.class))
            .run(context -> assertThat(context).doesNotHaveBean(ReflectionV1Service.class));
    }

    @Test
    void v1FileIsTheV1alphaFileUnderTheV1Package() {
        var service = ReflectionV1.serviceDescriptor();
        assertThat(service.getName()).isEqualTo("grpc.reflection.v1.ServerReflection");
        var file = ReflectionV1.v1File();
        assertThat(file.getName()).isEqualTo("grpc/reflection/v1/reflection.proto");
        assertThat(file.findMessageTypeByName("ServerReflectionRequest").findFieldByName("file_containing_symbol")
            .getNumber()).isEqualTo(4);
        assertThat(file.findMessageTypeByName("ServerReflectionResponse").findFieldByName("file_descriptor_response")
            .getMessageType()
            .getFullName()).isEqualTo("grpc.reflection.v1.FileDescriptorResponse");
    }
}
