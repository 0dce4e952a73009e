package io.github.grpcops.errors;

import java.util.NoSuchElementException;

import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import io.github.grpcops.pipeline.PipelineOrder;
import io.grpc.Status;
import jakarta.persistence.EntityNotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorMappingAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, ErrorMappingAutoConfiguration.class));

    @Test
    void registersTheInterceptorAtItsPipelinePositionWithAllBuiltInMappers() {
        this.runner.run(context -> {
            assertThat(context.getBean(ErrorMappingServerInterceptor.class).getOrder())
                .isEqualTo(PipelineOrder.ERROR_MAPPING);
            GrpcErrorMapper mapper = context.getBean(GrpcErrorMapper.class);
            assertThat(mapper.resolve(new EntityNotFoundException("x")).code()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(mapper.resolve(new DuplicateKeyException("x")).code()).isEqualTo(Status.Code.ALREADY_EXISTS);
            assertThat(context).hasSingleBean(ConstraintViolationExceptionMapper.class);
        });
    }

    @Test
    void interceptorOrderFollowsTheProperty() {
        this.runner.withPropertyValues("grpc.errors.order=123")
            .run(context -> assertThat(context.getBean(ErrorMappingServerInterceptor.class).getOrder()).isEqualTo(123));
    }

    @Test
    void switchedOffByProperty() {
        this.runner.withPropertyValues("grpc.errors.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ErrorMappingServerInterceptor.class)
                .doesNotHaveBean(GrpcErrorMapper.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheMapperTable() {
        GrpcErrorMapper own = new GrpcErrorMapper(java.util.List.of(), "own");
        this.runner.withBean(GrpcErrorMapper.class, () -> own)
            .run(context -> assertThat(context.getBean(ErrorMappingServerInterceptor.class)).isNotNull()
                .satisfies(i -> assertThat(context.getBean(GrpcErrorMapper.class)).isSameAs(own)));
    }

    @Test
    void backsOffWhenTheUserDefinesTheInterceptor() {
        ErrorMappingServerInterceptor own = new ErrorMappingServerInterceptor(new ErrorMappingProperties(),
                new GrpcErrorMapper(java.util.List.of(), "own"));
        this.runner.withBean(ErrorMappingServerInterceptor.class, () -> own)
            .run(context -> assertThat(context.getBean(ErrorMappingServerInterceptor.class)).isSameAs(own));
    }

    @Test
    void worksWithoutSpringDataJpaAndBeanValidationOnTheClassPath() {
        this.runner
            .withClassLoader(new FilteredClassLoader("org.springframework.dao", "jakarta.persistence", "jakarta.validation"))
            .run(context -> {
                assertThat(context).hasNotFailed()
                    .doesNotHaveBean("springDataExceptionMapper")
                    .doesNotHaveBean("jpaExceptionMapper")
                    .doesNotHaveBean(ConstraintViolationExceptionMapper.class);
                GrpcErrorMapper mapper = context.getBean(GrpcErrorMapper.class);
                assertThat(mapper.resolve(new NoSuchElementException()).code()).isEqualTo(Status.Code.NOT_FOUND);
                assertThat(mapper.resolve(new IllegalStateException("x")).code()).isEqualTo(Status.Code.INTERNAL);
            });
    }

    @Test
    void causesAreMappedWhenTheThrownExceptionIsNot() {
        this.runner.run(context -> assertThat(context.getBean(GrpcErrorMapper.class)
            .resolve(new RuntimeException("wrapper", new NoSuchElementException())).code())
            .isEqualTo(Status.Code.NOT_FOUND));
    }
}
