package io.github.grpcops.startup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * Defaults grpc-ops gives properties of other libraries that the application left unset, in a property
 * source of the lowest precedence (so any setting of the application wins), each listed by the start-up
 * report, as Spring Boot DevTools does with its own defaults.
 *
 * <p>{@code spring.jpa.open-in-view=false}: the starter brings Spring Data JPA (for grpc-ops' own tables)
 * and a servlet web server (for Actuator); with both, Spring Boot registers an
 * {@code OpenEntityManagerInViewInterceptor} for every web request and warns at every start that it did,
 * in an application that never asked for JPA. grpc-ops' own reads never need it. An application that
 * renders lazily loaded entities of its own in web views sets {@code spring.jpa.open-in-view=true}.
 *
 * <p>The start-up INFO lines of the libraries the starter brings for grpc-ops' tables (Hibernate, Hikari,
 * Spring Data JPA: about twenty lines) at WARN, only while the application sets no log level at all (no
 * {@code logging.level.*}, no {@code debug} or {@code trace}): any level it sets, for any logger, means it
 * chose its own logging, and these defaults step aside entirely. Warnings and errors still show; the
 * start-up report's request-log line says which database it uses instead.
 */
public class GrpcOpsPropertyDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "grpcOpsDefaults";

    private static final String OPEN_IN_VIEW = "spring.jpa.open-in-view";

    private static final String LOG_LEVEL = "logging.level.";

    /** Loggers whose start-up chatter is grpc-ops' doing: the JPA store of its tables. */
    private static final List<String> QUIET_LOGGERS = List.of("org.hibernate", "com.zaxxer.hikari",
            "org.springframework.orm.jpa", "org.springframework.data.repository.config",
            "org.springframework.data.jpa.repository.query");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (servlet(environment, application) && ClassUtils.isPresent("jakarta.persistence.EntityManagerFactory", application.getClassLoader())
                && !environment.containsProperty(OPEN_IN_VIEW)) {
            defaults.put(OPEN_IN_VIEW, "false");
        }
        if (ClassUtils.isPresent("jakarta.persistence.EntityManagerFactory", application.getClassLoader())
                && !configuresLogging(environment)) {
            QUIET_LOGGERS.forEach(logger -> defaults.put(LOG_LEVEL + logger, "warn"));
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
        }
    }

    /** Whether the application will be a servlet web application ({@code spring.main.*} is not bound yet). */
    private static boolean servlet(ConfigurableEnvironment environment, SpringApplication application) {
        String type = environment.getProperty("spring.main.web-application-type");
        return (type != null) ? WebApplicationType.SERVLET.name().equalsIgnoreCase(type.trim())
                : application.getWebApplicationType() == WebApplicationType.SERVLET;
    }

    /** Whether the application sets any log level (in any form: properties, YAML, environment variables). */
    private static boolean configuresLogging(ConfigurableEnvironment environment) {
        if (environment.containsProperty("debug") || environment.containsProperty("trace")) {
            return true;
        }
        ConfigurationPropertyName levels = ConfigurationPropertyName.of("logging.level");
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.containsDescendantOf(levels) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }

    /** The defaults in effect: those grpc-ops set and nothing set since overrides. */
    private static Map<String, Object> appliedIn(ConfigurableEnvironment environment) {
        Map<String, Object> applied = new LinkedHashMap<>();
        PropertySource<?> source = environment.getPropertySources().get(SOURCE);
        if (source instanceof MapPropertySource defaults) {
            defaults.getSource().forEach((name, value) -> {
                if (String.valueOf(value).equals(environment.getProperty(name))) {
                    applied.put(name, value);
                }
            });
        }
        return applied;
    }

    /** The start-up report's lines for the defaults in effect. */
    static List<String> report(ConfigurableEnvironment environment) {
        Map<String, Object> applied = appliedIn(environment);
        List<String> lines = new ArrayList<>();
        if (applied.containsKey(OPEN_IN_VIEW)) {
            lines.add(OPEN_IN_VIEW + "=false (grpc-ops' default: its JPA tables need no open-in-view in your web "
                    + "layer; set it yourself to choose)");
        }
        if (QUIET_LOGGERS.stream().anyMatch(logger -> applied.containsKey(LOG_LEVEL + logger))) {
            lines.add("Hibernate's, Hikari's and Spring Data JPA's INFO lines: off (grpc-ops' default while you set "
                    + "no logging.level; set any to choose)");
        }
        return lines;
    }

    /** After the application's own configuration is loaded, so only what it left unset gets a default. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
