package io.github.grpcops.server;

import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class Http2LimitsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Http2LimitsAutoConfiguration.class));

    @Test
    void limitsAreACustomizerWithTheDocumentedDefaults() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(Http2Limits.class);
            Http2LimitsProperties limits = context.getBean(Http2LimitsProperties.class);
            assertThat(limits.getMaxConcurrentCallsPerConnection()).isEqualTo(1000);
            assertThat(limits.getMaxRstFramesPerWindow()).isEqualTo(1000);
            assertThat(limits.getRstFramesWindow()).hasSeconds(10);
        });
    }

    @Test
    void anotherTransportIsLeftAloneAndSaysSo(CapturedOutput output) {
        new Http2Limits(new Http2LimitsProperties()).customize(InProcessServerBuilder.forName("limits-test"));
        assertThat(output).contains("grpc.limits.* not applied: the gRPC server is built by "
                + InProcessServerBuilder.class.getName());
    }

    @Test
    void backsOffWithoutGrpcNettyShaded() {
        this.runner.withClassLoader(new FilteredClassLoader("io.grpc.netty.shaded"))
            .run(context -> assertThat(context).doesNotHaveBean(Http2Limits.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheLimits() {
        Http2Limits own = new Http2Limits(new Http2LimitsProperties());
        this.runner.withBean(Http2Limits.class, () -> own)
            .run(context -> assertThat(context.getBean(Http2Limits.class)).isSameAs(own));
    }

    @Test
    void badLimitsFailAtStartupWithTheirName() {
        this.runner.withPropertyValues("grpc.limits.max-concurrent-calls-per-connection=0")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("grpc.limits.max-concurrent-calls-per-connection must be at least 1"));
        this.runner.withPropertyValues("grpc.limits.rst-frames-window=500ms")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("grpc.limits.rst-frames-window must be at least one second"));
        this.runner.withPropertyValues("grpc.limits.max-rst-frames-per-window=-1")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("grpc.limits.max-rst-frames-per-window must be 0 (off) or more"));
    }
}
