package io.github.grpcops.sample.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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
        assertThat(options.rate()).isZero();
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.rounds()).isEqualTo(4);
        assertThat(options.roundTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.postgres()).isFalse();
        assertThat(options.serverJar()).isEqualTo(JAR);
        assertThat(options.serverCpus()).as("servers may run on every CPU").isNull();
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
    void rateChoosesTheOpenLoop() {
        assertThat(parse("--rate", "3000").rate()).isEqualTo(3000);
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
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--compare", "bare,jwt-rs512"))
            .withMessageContaining("'jwt-rs512'")
            .withMessageContaining("bare, default");
    }

    @Test
    void unknownMethodIsRejectedWithTheKnownNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> parse("--method", "Chat"))
            .withMessageContaining("GetUser, ListUsers");
    }

    static Stream<Arguments> rejectedCommandLines() {
        return Stream.of(arguments("--callers 0", "--callers needs a whole number above 0, not '0'"),
                arguments("--rounds two", "--rounds needs a whole number above 0, not 'two'"),
                arguments("--duration 0s", "--duration must be above 0, not '0s'"),
                arguments("--warmup soon", "--warmup needs a duration such as 10s, 500ms or 2m, not 'soon'"),
                arguments("--heap lots", "--heap needs a JVM size such as 512m or 1g, not 'lots'"),
                arguments("--server-cpus first",
                        "--server-cpus needs CPU numbers for taskset -c, such as 0, 0-1 or 0,2, not 'first'"),
                arguments("--callers", "--callers needs a value"),
                arguments("--rate -5", "--rate needs a whole number above 0, not '-5'"),
                arguments("--rate 100 --callers 4", "Use either --callers (closed loop) or --rate (open loop), not both"),
                arguments("--rate 1000001", "--rate is at most 1000000 calls per second, not 1000001"),
                arguments("bare", "Unexpected argument 'bare'"),
                arguments("--speed fast", "Unknown option --speed"),
                arguments("--compare bare", "--compare needs at least two configurations, e.g. bare,default"),
                arguments("--compare bare,bare", "A configuration is named twice in [bare, bare]"),
                arguments("--config bare --compare bare,default", "Use either --config or --compare, not both"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedCommandLines")
    void malformedCommandLinesAreRejectedWithWhatToChange(String commandLine, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(commandLine.split(" "))).withMessage(message);
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
            .containsEntry("grpc.request-log.enabled", "false")
            .containsEntry("grpc.request-guard.enabled", "false")
            .doesNotContainKey("grpc.executor.enabled");
        assertThat(BenchConfigurations.named("default").properties()).isEmpty();
        assertThat(List.copyOf(BenchConfigurations.all().keySet())).startsWith("bare", "default");
    }

    @Test
    void consoleRequestIdIsBareWithOnlyTheConsoleLogAndRequestIdLeftOn() {
        Map<String, String> expected = new TreeMap<>(BenchConfigurations.named("bare").properties());
        expected.remove("grpc.console-log.enabled");
        expected.remove("grpc.request-id.enabled");

        BenchConfiguration configuration = BenchConfigurations.named("console-request-id");

        assertThat(configuration.properties()).isEqualTo(expected).isNotEmpty();
        assertThat(configuration.headers()).isEmpty();
    }
}
