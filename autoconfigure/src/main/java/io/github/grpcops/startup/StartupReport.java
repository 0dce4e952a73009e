package io.github.grpcops.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.grpcops.auth.AuthenticationServerInterceptor;
import io.github.grpcops.auth.CredentialAuthenticator;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.jdbc.DatabaseDescription;
import io.github.grpcops.metrics.MetricsServerInterceptor;
import io.github.grpcops.ratelimit.RateLimitProperties;
import io.github.grpcops.ratelimit.RateLimitServerInterceptor;
import io.github.grpcops.requestlog.RequestLogProperties;
import io.github.grpcops.requestlog.RequestLogWriter;
import io.github.grpcops.status.ServerStatusTracker;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * What grpc-ops turned on and off in this application, and why: one line per capability, and a warning
 * for each setting that leaves a capability useless (require-auth with no way to authenticate, rate
 * limiting without a limit, {@code /actuator/grpc} exposed without a web server). Read from the
 * finished context (which beans exist) and the environment (which switch turned a capability off), so
 * it says what is, not what was asked for.
 */
final class StartupReport {

    private static final boolean ACTUATOR = ClassUtils.isPresent(
            "org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints", StartupReport.class.getClassLoader());

    private static final boolean JPA = ClassUtils.isPresent("jakarta.persistence.EntityManagerFactory",
            StartupReport.class.getClassLoader())
            && ClassUtils.isPresent("org.springframework.data.jpa.repository.JpaRepository",
                    StartupReport.class.getClassLoader());

    private final List<String> lines = new ArrayList<>();

    private final List<String> warnings = new ArrayList<>();

    private final ApplicationContext context;

    private final ConfigurableEnvironment environment;

    private final DataSource dataSource;

    private StartupReport(ApplicationContext context, ConfigurableEnvironment environment) {
        this.context = context;
        this.environment = environment;
        this.dataSource = context.getBeanProvider(DataSource.class).getIfUnique();
    }

    static StartupReport of(ApplicationContext context, ConfigurableEnvironment environment) {
        StartupReport report = new StartupReport(context, environment);
        report.requestLog();
        report.databaseFeature("server status", ServerStatusTracker.class, "grpc.status.enabled");
        report.databaseFeature("API keys", ApiKeyManager.class, "grpc.auth.enabled", "grpc.auth.api-key.enabled");
        report.authentication();
        report.rateLimiting();
        report.metrics();
        report.actuator();
        report.propertyDefaults();
        return report;
    }

    /** The INFO block: one line per capability. */
    List<String> lines() {
        return this.lines;
    }

    /** Settings that leave a capability useless. */
    List<String> warnings() {
        return this.warnings;
    }

    private void requestLog() {
        if (!has(RequestLogWriter.class)) {
            this.lines.add("request log: off (" + whyOff("grpc.request-log.enabled") + ")");
            return;
        }
        RequestLogProperties properties = this.context.getBean(RequestLogProperties.class);
        DatabaseDescription database = DatabaseDescription.of(this.dataSource);
        List<String> details = new ArrayList<>();
        details.add("in " + database);
        if (database.inMemory() && properties.getInMemoryMaxRows() > 0) {
            details.add("keeps the newest " + properties.getInMemoryMaxRows() + " rows");
        }
        details.add(properties.getRetention().isZero() ? "kept forever"
                : "kept " + properties.getRetention().toDays() + " days");
        if (properties.isErrorsOnly()) {
            details.add("failed calls only");
        }
        else if (properties.getSuccessSampleRate() < 1) {
            details.add(Math.round(properties.getSuccessSampleRate() * 100) + "% of successful calls");
        }
        this.lines.add("request log: on (" + String.join(", ", details) + ")");
    }

    private void databaseFeature(String name, Class<?> bean, String... switches) {
        this.lines.add(name + ": " + (has(bean) ? "on" : "off (" + whyOff(switches) + ")"));
    }

    /** Why a capability that needs a database (and JPA) is off: its switch, else what is missing. */
    private String whyOff(String... switches) {
        for (String property : switches) {
            if ("false".equalsIgnoreCase(this.environment.getProperty(property))) {
                return property + "=false";
            }
        }
        if (this.dataSource == null) {
            return "no DataSource: add a database driver (H2 for a start) or spring.datasource.url";
        }
        if (!JPA) {
            return "Spring Data JPA is not on the class path";
        }
        return "see the condition evaluation report (--debug)";
    }

    private void authentication() {
        if (!has(AuthenticationServerInterceptor.class)) {
            this.lines.add("authentication: off (" + whyOff("grpc.auth.enabled") + ")");
            return;
        }
        List<String> credentials = this.context.getBeanProvider(CredentialAuthenticator.class)
            .orderedStream()
            .map(CredentialAuthenticator::description)
            .toList();
        boolean requireAuth = this.context.getBean(GrpcAuthProperties.class).isRequireAuth();
        this.lines.add("authentication: on (credentials: "
                + (credentials.isEmpty() ? "none" : String.join(", ", credentials)) + "; "
                + (requireAuth ? "every method needs a caller unless public or annotated"
                        : "every method is open unless annotated (grpc.auth.require-auth=false)")
                + ")");
        if (requireAuth && credentials.isEmpty()) {
            this.warnings.add("authentication: grpc.auth.require-auth=true, but no credential can be verified "
                    + "(no grpc.auth.jwt.secret or public-key, no API keys, no internal key): every call to a method "
                    + "that is not public will be refused with UNAUTHENTICATED");
        }
    }

    private void rateLimiting() {
        if (!has(RateLimitServerInterceptor.class)) {
            this.lines.add("rate limiting: off (grpc.rate-limit.enabled=true to switch it on)");
            return;
        }
        RateLimitProperties properties = this.context.getBean(RateLimitProperties.class);
        int limits = properties.getLimits().size() + ((properties.getDefaultLimit() != null) ? 1 : 0);
        this.lines.add("rate limiting: on (" + limits + " limit" + ((limits == 1) ? "" : "s") + ", buckets in "
                + properties.getStore().name().toLowerCase(Locale.ROOT) + ", keyed by "
                + properties.getKeyBy().name().toLowerCase(Locale.ROOT).replace('_', '-') + ")");
        if (limits == 0) {
            this.warnings.add("rate limiting: grpc.rate-limit.enabled=true, but no limit is configured "
                    + "(grpc.rate-limit.default-limit, grpc.rate-limit.limits): no call is limited");
        }
    }

    private void metrics() {
        if (has(MetricsServerInterceptor.class)) {
            this.lines.add("metrics: on");
            return;
        }
        this.lines.add("metrics: off (" + ("false".equalsIgnoreCase(this.environment.getProperty("grpc.metrics.enabled"))
                ? "grpc.metrics.enabled=false" : "needs a Micrometer MeterRegistry and HdrHistogram: "
                        + "spring-boot-starter-actuator and org.hdrhistogram:HdrHistogram") + ")");
    }

    private void actuator() {
        if (!ACTUATOR) {
            this.lines.add("/actuator/grpc: off (Actuator is not on the class path: add spring-boot-starter-actuator)");
            return;
        }
        boolean webServer = this.context instanceof WebServerApplicationContext web && web.getWebServer() != null;
        ActuatorReport actuator = new ActuatorReport(this.context, this.environment);
        if (!webServer) {
            String line = "/actuator/grpc: not reachable over HTTP, the application runs no web server (add "
                    + "spring-boot-starter-web, which the grpc-ops starter brings unless excluded, and do not set "
                    + "spring.main.web-application-type=none)";
            if (actuator.exposedInProperties()) {
                this.warnings.add(line);
            }
            else {
                this.lines.add(line);
            }
            return;
        }
        this.lines.add("/actuator/grpc: " + actuator.describe());
    }

    /** The defaults grpc-ops set for properties the application left unset ({@link GrpcOpsPropertyDefaults}). */
    private void propertyDefaults() {
        this.lines.addAll(GrpcOpsPropertyDefaults.report(this.environment));
    }

    private boolean has(Class<?> type) {
        return this.context.getBeanNamesForType(type, true, false).length > 0;
    }

    @Override
    public String toString() {
        return this.lines.stream().collect(Collectors.joining(System.lineSeparator() + "  ", "grpc-ops:"
                + System.lineSeparator() + "  ", ""));
    }
}
