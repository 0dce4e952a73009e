package io.github.grpcops.startup;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
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
 * <p>One today: {@code spring.jpa.open-in-view=false}. The starter brings Spring Data JPA (for grpc-ops'
 * own tables) and a servlet web server (for Actuator); with both, Spring Boot registers an
 * {@code OpenEntityManagerInViewInterceptor} for every web request and warns at every start that it did,
 * in an application that never asked for JPA. grpc-ops' own reads never need it. An application that
 * renders lazily loaded entities of its own in web views sets {@code spring.jpa.open-in-view=true}.
 */
public class GrpcOpsPropertyDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "grpcOpsDefaults";

    private static final String OPEN_IN_VIEW = "spring.jpa.open-in-view";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (servlet(environment, application) && ClassUtils.isPresent("jakarta.persistence.EntityManagerFactory", application.getClassLoader())
                && !environment.containsProperty(OPEN_IN_VIEW)) {
            defaults.put(OPEN_IN_VIEW, "false");
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

    /** The defaults in effect: those grpc-ops set and nothing set since overrides. */
    static Map<String, Object> appliedIn(ConfigurableEnvironment environment) {
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

    /** Why grpc-ops sets {@code property}, for the start-up report. */
    static String reason(String property) {
        return OPEN_IN_VIEW.equals(property) ? "its JPA tables need no open-in-view in your web layer" : "it needs it";
    }

    /** After the application's own configuration is loaded, so only what it left unset gets a default. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
