package io.github.grpcops.auth.apikey.actuate;

import io.github.grpcops.actuate.EndpointSectionsAutoConfigurationContract;
import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.apikey.ApiKeyAutoConfiguration;
import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code apikeys} section: follows API keys and the endpoint's availability; replaceable. */
class ApiKeyEndpointAutoConfigurationTest extends EndpointSectionsAutoConfigurationContract {

    ApiKeyEndpointAutoConfigurationTest() {
        super(ApiKeyManager.class, "grpc.auth.api-key.enabled=false", "apikeys");
    }

    @Override
    protected ApplicationContextRunner runner() {
        return withJpa(PipelineAutoConfiguration.class, GrpcAuthAutoConfiguration.class, ApiKeyAutoConfiguration.class,
                ApiKeyEndpointAutoConfiguration.class);
    }

    @Test
    void sectionBacksOffWhenTheUserDefinesOne() {
        runner().withBean("mine", ApiKeyEndpointSection.class, () -> new ApiKeyEndpointSection(null))
            .run(context -> assertThat(context).hasSingleBean(ApiKeyEndpointSection.class).hasBean("mine"));
    }
}
