package io.github.grpcops.pipeline;

import com.google.rpc.ErrorInfo;
import io.github.grpcops.errors.ErrorMappingAutoConfiguration;
import io.github.grpcops.errors.GrpcError;
import io.github.grpcops.errors.GrpcErrorMapper;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The always-on pipeline beans: the call-facts interceptor and the refuser with its ErrorInfo domain. */
class PipelineAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, ErrorMappingAutoConfiguration.class));

    @Test
    void theDomainIsGrpcErrorsDomainElseTheApplicationNameElseGrpcOps() {
        this.runner.withPropertyValues("grpc.errors.domain=orders.acme", "spring.application.name=orders")
            .run(context -> assertThat(context.getBean(CallRefuser.class).domain()).isEqualTo("orders.acme"));
        this.runner.withPropertyValues("spring.application.name=orders")
            .run(context -> assertThat(context.getBean(CallRefuser.class).domain()).isEqualTo("orders"));
        this.runner.run(context -> assertThat(context.getBean(CallRefuser.class).domain()).isEqualTo("grpc-ops"));
    }

    @Test
    void errorMappingReportsTheSameDomainAsRefusals() {
        this.runner.withPropertyValues("grpc.errors.domain=orders.acme").run(context -> {
            GrpcErrorMapper mapper = context.getBean(GrpcErrorMapper.class);
            CallRefuser.StatusAndTrailers answer = mapper
                .toStatus(GrpcError.of(Status.Code.NOT_FOUND, "No such order", "ORDER_NOT_FOUND"), "req-1");
            ErrorInfo info = answer.trailers().get(CallRefuser.DETAILS_KEY).getDetails(0).unpack(ErrorInfo.class);
            assertThat(info.getDomain()).isEqualTo("orders.acme");
            assertThat(info.getMetadataMap()).containsEntry("requestId", "req-1");
        });
    }

    @Test
    void theDomainHoldsWithErrorMappingSwitchedOff() {
        this.runner.withPropertyValues("grpc.errors.enabled=false", "grpc.errors.domain=orders.acme")
            .run(context -> {
                assertThat(context).doesNotHaveBean(GrpcErrorMapper.class);
                assertThat(context.getBean(CallRefuser.class).domain()).isEqualTo("orders.acme");
                assertThat(context).hasSingleBean(CallFactsServerInterceptor.class);
            });
    }

    @Test
    void backsOffWhenTheUserDefinesTheBeans() {
        CallRefuser refuser = new CallRefuser("own");
        CallFactsServerInterceptor facts = new CallFactsServerInterceptor(ClientIpLookup.PEER);
        this.runner.withBean(CallRefuser.class, () -> refuser)
            .withBean(CallFactsServerInterceptor.class, () -> facts)
            .run(context -> {
                assertThat(context.getBean(CallRefuser.class)).isSameAs(refuser);
                assertThat(context.getBean(CallFactsServerInterceptor.class)).isSameAs(facts);
            });
    }
}
