package io.github.grpcops.sample.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;

/**
 * What one benchmark run does, parsed from its command line.
 * @param configurations the configurations to measure; the first is the baseline of the ratios
 * @param method the method every caller calls
 * @param callers calls kept in flight at once (closed loop: each caller starts its next call when one ends)
 * @param rate calls started per second whatever is in flight (open loop), or 0 for the closed loop of
 *     {@code callers}
 * @param warmup load on each server before measuring, not reported
 * @param rounds measured rounds; each runs every configuration once, in order
 * @param roundTime how long each configuration is measured per round
 * @param serverHeap the server JVM's fixed heap ({@code -Xms} and {@code -Xmx})
 * @param postgres whether the servers use PostgreSQL instead of H2
 * @param serverJar the sample app's executable jar
 * @param outputDir where server logs go
 * @param profile whether each server records a Java Flight Recording of its whole run into the output directory
 * @param serverCpus the CPUs each server runs on ({@code taskset -c} list), or {@code null} for all of them
 */
record BenchOptions(List<String> configurations, BenchMethod method, int callers, int rate, Duration warmup, int rounds,
        Duration roundTime, String serverHeap, boolean postgres, Path serverJar, Path outputDir, boolean profile,
        String serverCpus) {

    /** The fastest open loop the harness offers; one machine's server is far below it. */
    static final int MAX_RATE = 1_000_000;

    static final String USAGE = """
            Usage: Benchmark [--config NAME | --compare A,B[,C...]] [options]
              --config NAME        measure one configuration
              --compare A,B        measure several, alternately (A,B,A,B... rounds); ratios against A
                                   (default: --compare bare,default)
              --method NAME        GetUser (unary, default) or ListUsers (server streaming)
              --callers N          calls in flight at once (default 16)
              --rate N             instead of --callers: start N calls per second, however many are in
                                   flight (open loop; latency from each call's scheduled start;
                                   at most 1000000)
              --warmup DURATION    unmeasured load per server before the rounds (default 10s)
              --rounds N           measured rounds (default 4)
              --duration DURATION  measured time per configuration and round (default 10s)
              --heap SIZE          fixed heap of each server JVM (default 512m)
              --server-cpus LIST   run each server on these CPUs only (taskset -c, e.g. 0 or 0-3); with the
                                   harness started on the others, the server has cores of its own
              --postgres           run the servers on PostgreSQL (GRPC_OPS_TEST_POSTGRES_URL, else embedded)
              --profile            each server records a Java Flight Recording, server-NAME.jfr beside its log
              --server-jar PATH    the sample app's jar (default: set by the Maven profile)
              --list               list the configurations and exit
              --help               this text
            """;

    private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");

    private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    /**
     * Parses a command line; {@code --help} and {@code --list} are the caller's to handle before.
     * @param args the arguments, {@code --flag value} or {@code --flag=value}
     * @param serverJar the jar when {@code --server-jar} is not given
     * @param outputDir where server logs go
     * @throws IllegalArgumentException with a message that says what to change
     */
    static BenchOptions parse(String[] args, Path serverJar, Path outputDir) {
        List<String> configurations = List.of("bare", "default");
        BenchMethod method = BenchMethod.GET_USER;
        int callers = 16;
        int rate = 0;
        boolean callersGiven = false;
        Duration warmup = Duration.ofSeconds(10);
        int rounds = 4;
        Duration roundTime = Duration.ofSeconds(10);
        String heap = "512m";
        String serverCpus = null;
        boolean postgres = false;
        boolean profile = false;
        boolean single = false;
        boolean compare = false;
        List<String> tokens = split(args);
        for (int i = 0; i < tokens.size(); i++) {
            String flag = tokens.get(i);
            if (flag.equals("--postgres")) {
                postgres = true;
                continue;
            }
            if (flag.equals("--profile")) {
                profile = true;
                continue;
            }
            if (!flag.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + flag + "'");
            }
            if (i + 1 >= tokens.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = tokens.get(++i);
            switch (flag) {
                case "--config" -> {
                    configurations = List.of(value);
                    single = true;
                }
                case "--compare" -> {
                    configurations = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .toList();
                    compare = true;
                }
                case "--method" -> method = BenchMethod.named(value);
                case "--callers" -> {
                    callers = positive(flag, value);
                    callersGiven = true;
                }
                case "--rate" -> rate = positive(flag, value);
                case "--warmup" -> warmup = duration(flag, value, true);
                case "--rounds" -> rounds = positive(flag, value);
                case "--duration" -> roundTime = duration(flag, value, false);
                case "--heap" -> heap = heap(value);
                case "--server-cpus" -> serverCpus = cpuList(value);
                case "--server-jar" -> serverJar = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + flag);
            }
        }
        if (single && compare) {
            throw new IllegalArgumentException("Use either --config or --compare, not both");
        }
        if (compare && configurations.size() < 2) {
            throw new IllegalArgumentException("--compare needs at least two configurations, e.g. bare,default");
        }
        if (new HashSet<>(configurations).size() != configurations.size()) {
            throw new IllegalArgumentException("A configuration is named twice in " + configurations);
        }
        if (rate > MAX_RATE) {
            // The open loop spaces calls 10^9 / rate whole nanoseconds apart; up to here that rounding is under 0.1 %.
            throw new IllegalArgumentException("--rate is at most " + MAX_RATE + " calls per second, not " + rate);
        }
        if (rate > 0 && callersGiven) {
            throw new IllegalArgumentException("Use either --callers (closed loop) or --rate (open loop), not both");
        }
        configurations.forEach(BenchConfigurations::named);
        if (serverJar == null) {
            throw new IllegalArgumentException("No server jar: give --server-jar or run through the Maven profile");
        }
        return new BenchOptions(configurations, method, callers, rate, warmup, rounds, roundTime, heap, postgres,
                serverJar, outputDir, profile, serverCpus);
    }

    /** Splits {@code --flag=value} so every flag and value is its own token. */
    private static List<String> split(String[] args) {
        List<String> tokens = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                tokens.add(arg.substring(0, equals));
                tokens.add(arg.substring(equals + 1));
            }
            else if (!arg.isBlank()) {
                tokens.add(arg);
            }
        }
        return tokens;
    }

    private static int positive(String flag, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        }
        catch (NumberFormatException ex) {
            // reported below with the flag's name
        }
        throw new IllegalArgumentException(flag + " needs a whole number above 0, not '" + value + "'");
    }

    private static Duration duration(String flag, String value, boolean zeroAllowed) {
        Duration duration;
        try {
            duration = DurationStyle.detectAndParse(value, ChronoUnit.SECONDS);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(flag + " needs a duration such as 10s, 500ms or 2m, not '" + value
                    + "'");
        }
        if (duration.isNegative() || (duration.isZero() && !zeroAllowed)) {
            throw new IllegalArgumentException(flag + " must be " + (zeroAllowed ? "0 or more" : "above 0")
                    + ", not '" + value + "'");
        }
        return duration;
    }

    private static String cpuList(String value) {
        if (!CPU_LIST.matcher(value).matches()) {
            throw new IllegalArgumentException("--server-cpus needs CPU numbers for taskset -c, such as 0, 0-1 or 0,2, "
                    + "not '" + value + "'");
        }
        return value;
    }

    private static String heap(String value) {
        if (!HEAP.matcher(value).matches()) {
            throw new IllegalArgumentException("--heap needs a JVM size such as 512m or 1g, not '" + value + "'");
        }
        return value;
    }
}
