package io.github.grpcops.requestlog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import io.github.grpcops.test.postgres.TestPostgres;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The plans of the web console's statements on a large request log (issue 15): loads N generated calls
 * (default 10,000,000) over the last 24 hours and their rollups as {@link RequestStatsBenchmark} does,
 * then runs every statement of {@code docs/ui/large-log-explain.sql} (the SQL each console page sends,
 * as {@code ConsoleBrowserTest} records it, with the values of a view) under
 * {@code EXPLAIN (ANALYZE, BUFFERS)}, once to warm up and once measured. Prints each plan and a
 * Markdown table (statement, the nodes that read a table, execution ms), and exits with 1 when a plan
 * reads {@code grpc_request_log} with a sequential scan.
 *
 * <pre>
 * mvn -B -o -q -pl client,autoconfigure -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/bench.cp
 * java -cp autoconfigure/target/classes:autoconfigure/target/test-classes:$(cat autoconfigure/target/bench.cp) \
 *     io.github.grpcops.requestlog.ConsolePlansAtScale 10000000 docs/ui/large-log-explain.sql
 * </pre>
 *
 * The file: each statement ends with {@code ;} at the end of a line; the comment line right before it
 * names it; {@code -- set name = select ...} lines set {@code ${name}} to the first column of that
 * query's first row (a cursor from the loaded rows, say). Other {@code --} lines are comments.
 */
public final class ConsolePlansAtScale {

    private static final Pattern SET = Pattern.compile("--\\s*set\\s+(\\w+)\\s*=\\s*(.+)");

    private static final Pattern SCAN = Pattern.compile("(?:->\\s*)?((?:Parallel )?(?:Seq|Index|Index Only|Bitmap Heap|"
            + "Bitmap Index) Scan(?: Backward)?(?: using \\S+)? on \\S+)");

    private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");

    private ConsolePlansAtScale() {
    }

    public static void main(String[] args) throws Exception {
        long rows = (args.length > 0) ? Long.parseLong(args[0]) : 10_000_000L;
        Path file = Path.of((args.length > 1) ? args[1] : "docs/ui/large-log-explain.sql");
        List<String> lines = Files.readAllLines(file);
        try (HikariDataSource dataSource = LargeRequestLog.dataSource("bench_console")) {
            JdbcTemplate sql = new JdbcTemplate(dataSource);
            System.out.printf("PostgreSQL %s (%s)%n", sql.queryForObject("show server_version", String.class),
                    TestPostgres.server().source());
            LargeRequestLog.createTables(dataSource, List.of());
            Instant end = Instant.now();
            long start = System.nanoTime();
            LargeRequestLog.load(sql, rows, end.minus(Duration.ofHours(24)), end);
            LargeRequestLog.rollUp(dataSource, new RequestStatsTable(dataSource, RequestStatsTable.TABLE));
            System.out.printf(Locale.ROOT, "Loaded and rolled up %,d calls of the last 24 hours in %.0f s%n%n", rows,
                    (System.nanoTime() - start) / 1e9);
            boolean sequential = explainAll(sql, lines);
            System.exit(sequential ? 1 : 0);
        }
    }

    /** Runs the file's statements; whether any plan scans grpc_request_log sequentially. */
    private static boolean explainAll(JdbcTemplate sql, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> table = new ArrayList<>();
        boolean sequential = false;
        String name = null;
        StringBuilder statement = new StringBuilder();
        for (String line : lines) {
            Matcher set = SET.matcher(line.trim());
            if (set.matches()) {
                values.put(set.group(1), sql.queryForObject(set.group(2), String.class));
            }
            else if (line.startsWith("-- ") && statement.isEmpty()) {
                name = line.substring(3).trim();
            }
            else if (!line.startsWith("--") && !line.isBlank()) {
                statement.append(line).append('\n');
                if (line.stripTrailing().endsWith(";")) {
                    String text = substitute(statement.toString().strip(), values);
                    List<String> plan = explain(sql, text.substring(0, text.length() - 1));
                    System.out.printf("=== %s%n%s%n%s%n%n", name, text, String.join("\n", plan));
                    sequential |= plan.stream().anyMatch(row -> row.contains("Seq Scan on grpc_request_log"));
                    table.add(String.format(Locale.ROOT, "| %s | %s | %s |", name, scans(plan), executionMs(plan)));
                    statement.setLength(0);
                    name = null;
                }
            }
        }
        System.out.println("| statement (page: what) | plan: the nodes that read a table | ms |");
        System.out.println("| --- | --- | ---: |");
        table.forEach(System.out::println);
        System.out.println(sequential ? "\nA plan scans grpc_request_log sequentially."
                : "\nNo plan scans grpc_request_log sequentially.");
        return sequential;
    }

    private static String substitute(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("${" + value.getKey() + "}", value.getValue());
        }
        return result;
    }

    /** One warm-up, then the plan of a measured run. */
    private static List<String> explain(JdbcTemplate sql, String statement) {
        String explain = "explain (analyze, buffers) " + statement;
        sql.queryForList(explain, String.class);
        return sql.queryForList(explain, String.class);
    }

    private static String scans(List<String> plan) {
        Set<String> scans = new LinkedHashSet<>();
        for (String row : plan) {
            Matcher scan = SCAN.matcher(row);
            if (scan.find()) {
                String rows = row.replaceAll(".*actual time=\\S+ rows=(\\d+).*", "$1");
                scans.add(scan.group(1).replaceAll(" on (\\S+) \\S+$", " on $1") + (rows.equals(row) ? "" : ", " + rows
                        + " rows"));
            }
        }
        return String.join("; ", scans);
    }

    private static String executionMs(List<String> plan) {
        return plan.stream()
            .map(EXECUTION::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .findFirst()
            .orElse("?");
    }
}
