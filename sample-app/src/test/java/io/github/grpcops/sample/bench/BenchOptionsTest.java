package io.github.grpcops.sample.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTest {

    private static final Path JAR = Path.of("app.jar");

    private static final Path OUT = Path.of("out");

    private static BenchOptions parse(String... args) {
        return BenchOptions.parse(args, JAR, OUT);
    }

    @Test
    void noArgumentsComparesBareWithDefaultUsingModestLoad() {
        BenchOptions options = parse();

        assertThat(options.configurations()).containsExactly("bare", "default");
        assertThat(options.method()).isEqualTo(BenchMethod.GET_USER);
        assertThat(options.callers()).isEqualTo(16);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.rounds()).isEqualTo(4);
        assertThat(options.roundTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.postgres()).isFalse();
        assertThat(options.serverJar()).isEqualTo(JAR);
    }

    @Test
    void flagsTakeSeparateOrInlineValues() {
        BenchOptions options = parse("--config=default", "--method", "listusers", "--callers=4", "--warmup", "0",
                "--rounds", "2", "--duration=1500ms", "--heap", "1g", "--postgres", "--server-jar", "other.jar");

        assertThat(options.configurations()).containsExactly("default");
        assertThat(options.method()).isEqualTo(BenchMethod.LIST_USERS);
        assertThat(options.callers()).isEqualTo(4);
        assertThat(options.warmup()).isZero();
        assertThat(options.rounds()).isEqualTo(2);
        assertThat(options.roundTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.serverHeap()).isEqualTo("1g");
        assertThat(options.postgres()).isTrue();
        assertThat(options.serverJar()).isEqualTo(Path.of("other.jar"));
    }

    @Test
    void bareNumbersAreSecondsAndMinutesAreAccepted() {
        assertThat(parse("--duration", "7").roundTime()).isEqualTo(Duration.ofSeconds(7));
        assertThat(parse("--warmup", "2m").warmup()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void compareKeepsTheGivenOrderSoTheFirstIsTheBaseline() {
        assertThat(parse("--compare", "default, bare").configurations()).containsExactly("default", "bare");
    }

    @Test
    void unknownConfigurationIsRejectedWithTheKnownNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--compare", "bare,jwt"))
            .withMessageContaining("'jwt'")
            .withMessageContaining("bare, default");
    }

    @Test
    void unknownMethodIsRejectedWithTheKnownNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--method", "Chat"))
            .withMessageContaining("GetUser, ListUsers");
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--callers", "0"))
            .withMessageContaining("--callers needs a whole number above 0");
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--rounds", "two"))
            .withMessageContaining("not 'two'");
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--duration", "0s"))
            .withMessageContaining("--duration must be above 0");
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--warmup", "soon"))
            .withMessageContaining("such as 10s");
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--heap", "lots"))
            .withMessageContaining("512m or 1g");
    }

    @Test
    void malformedCommandLinesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--callers")).withMessage("--callers needs a value");
        assertThatIllegalArgumentException().isThrownBy(() -> parse("bare")).withMessageContaining("'bare'");
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--speed", "fast"))
            .withMessage("Unknown option --speed");
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--compare", "bare"))
            .withMessageContaining("at least two");
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--compare", "bare,bare"))
            .withMessageContaining("named twice");
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--config", "bare", "--compare", "bare,default"))
            .withMessageContaining("not both");
    }

    @Test
    void aMissingServerJarIsReportedWhenNotRunThroughMaven() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[0], null, OUT))
            .withMessageContaining("--server-jar");
    }

    @Test
    void bareConfigurationSwitchesOffEveryInterceptorButKeepsTheWorkerPool() {
        BenchConfiguration bare = BenchConfigurations.named("bare");

        assertThat(bare.properties()).containsEntry("grpc.console-log.enabled", "false")
            .containsEntry("grpc.request-id.enabled", "false")
            .doesNotContainKey("grpc.executor.enabled");
        assertThat(BenchConfigurations.named("default").properties()).isEmpty();
        assertThat(List.copyOf(BenchConfigurations.all().keySet())).startsWith("bare", "default");
    }
}
