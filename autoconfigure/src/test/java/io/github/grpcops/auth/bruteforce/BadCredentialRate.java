package io.github.grpcops.auth.bruteforce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.grpcops.auth.probe.AuthProbeApplication;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.auth.probe.api.AuthProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.grpcops.test.BenchmarkFigures.loadAverage;

/**
 * Measurement (a main, not a test; docs/benchmarks.md): how many bad credentials one address gets checked
 * per second, with brute-force protection off and with its defaults, in one run. For each configuration
 * the probe application starts on a loopback port and 8 callers send calls with a token whose signature is
 * wrong, as fast as the server answers, for the given time; every answer is counted by status:
 * {@code UNAUTHENTICATED} calls reached authentication (a credential was checked), {@code RESOURCE_EXHAUSTED}
 * ones were refused before it.
 *
 * <pre>
 * mvn -B -ntp -q -pl client,autoconfigure -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -cp autoconfigure/target/classes:autoconfigure/target/test-classes:$(cat autoconfigure/target/bench.cp):client/target/classes \
 *     io.github.grpcops.auth.bruteforce.BadCredentialRate 60
 * </pre>
 */
public final class BadCredentialRate {

    private static final int CALLERS = 8;

    private BadCredentialRate() {
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds((args.length > 0) ? Long.parseLong(args[0]) : 60);
        String good = TestTokens.hs256("mallory", Map.of());
        String bad = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
        System.out.printf(Locale.ROOT, "%d callers from one address, a token with a wrong signature, %d s per "
                + "configuration; load average %s%n%n", CALLERS, duration.toSeconds(), loadAverage());
        System.out.println("| brute-force protection | calls | calls/s | credentials checked | checked/s | "
                + "checked in the first minute | refused before authentication |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        measure("off (grpc.auth.brute-force.enabled=false)", bad, duration, "--grpc.auth.brute-force.enabled=false");
        measure("on, defaults (10 failures, then one per 6 s)", bad, duration);
    }

    private static void measure(String label, String token, Duration duration, String... properties)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--grpc.server.port=0", "--grpc.server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--grpc.auth.jwt.secret=" + TestTokens.SECRET,
                "--grpc.auth.require-auth=true", "--grpc.request-log.enabled=false", "--logging.level.root=WARN",
                "--logging.level.io.github.grpcops=ERROR"));
        args.addAll(List.of(properties));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthProbeApplication.class)
            .web(WebApplicationType.NONE)
            .run(args.toArray(String[]::new))) {
            GrpcTestClient grpc = context.getBean(GrpcTestClient.class);
            ManagedChannel channel = grpc.channel();
            AuthProbeGrpc.AuthProbeBlockingStub stub = AuthProbeGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(ProbeClient.bearer(token)));
            LongAdder checked = new LongAdder();
            LongAdder refused = new LongAdder();
            LongAdder other = new LongAdder();
            LongAdder checkedInFirstMinute = new LongAdder();
            long started = System.nanoTime();
            long end = started + duration.toNanos();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                done.add(callers.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            stub.withDeadlineAfter(10, TimeUnit.SECONDS).who(WhoRequest.getDefaultInstance());
                            other.increment();
                        }
                        catch (StatusRuntimeException ex) {
                            Status.Code code = ex.getStatus().getCode();
                            if (code == Status.Code.UNAUTHENTICATED) {
                                checked.increment();
                                if (System.nanoTime() - started < TimeUnit.MINUTES.toNanos(1)) {
                                    checkedInFirstMinute.increment();
                                }
                            }
                            else if (code == Status.Code.RESOURCE_EXHAUSTED) {
                                refused.increment();
                            }
                            else {
                                other.increment();
                            }
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            callers.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            long calls = checked.sum() + refused.sum() + other.sum();
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %d | %.2f | %d | %d |%n", label, calls, calls / seconds,
                    checked.sum(), checked.sum() / seconds, checkedInFirstMinute.sum(), refused.sum());
            if (other.sum() > 0) {
                System.out.println("  (" + other.sum() + " calls ended otherwise)");
            }
        }
    }
}
