package io.github.grpcops.jdbc;

import java.util.Map;

import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.boot.registry.classloading.internal.ClassLoaderServiceImpl;
import org.hibernate.boot.registry.selector.internal.StrategySelectorBuilder;
import org.hibernate.boot.registry.selector.spi.StrategySelector;
import org.hibernate.cfg.AvailableSettings;

import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts grpc-ops' JPA entities on their prefixed tables when {@code grpc.jdbc.table-prefix} is not the
 * default. By the time customizers run, Spring Boot has put the naming strategies in the properties
 * (the application's {@code spring.jpa.hibernate.naming.*}, its naming-strategy beans, or
 * {@code CamelCaseToUnderscoresNamingStrategy} and {@code SpringImplicitNamingStrategy}); this wraps
 * them, resolved the way Hibernate resolves them, so every name but grpc-ops' own is theirs. Runs
 * last, so a strategy set by another customizer is wrapped too.
 */
class TablePrefixHibernatePropertiesCustomizer implements HibernatePropertiesCustomizer, Ordered {

    private final String prefix;

    private final ClassLoader classLoader;

    TablePrefixHibernatePropertiesCustomizer(String prefix, ClassLoader classLoader) {
        this.prefix = GrpcTables.checkPrefix(prefix);
        this.classLoader = classLoader;
    }

    @Override
    public void customize(Map<String, Object> properties) {
        if (GrpcTables.DEFAULT_PREFIX.equals(this.prefix)) {
            return;
        }
        EntityTableNames names = new EntityTableNames(this.prefix);
        ClassLoaderServiceImpl classes = new ClassLoaderServiceImpl(this.classLoader);
        try {
            StrategySelector strategies = new StrategySelectorBuilder().buildSelector(classes);
            PhysicalNamingStrategy physical = strategies.resolveDefaultableStrategy(PhysicalNamingStrategy.class,
                    properties.get(AvailableSettings.PHYSICAL_NAMING_STRATEGY), PhysicalNamingStrategyStandardImpl.INSTANCE);
            ImplicitNamingStrategy implicit = strategies.resolveDefaultableStrategy(ImplicitNamingStrategy.class,
                    properties.get(AvailableSettings.IMPLICIT_NAMING_STRATEGY),
                    ImplicitNamingStrategyJpaCompliantImpl.INSTANCE);
            properties.put(AvailableSettings.PHYSICAL_NAMING_STRATEGY, new PrefixedPhysicalNamingStrategy(physical, names));
            properties.put(AvailableSettings.IMPLICIT_NAMING_STRATEGY, new PrefixedImplicitNamingStrategy(implicit, names));
        }
        finally {
            classes.stop();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
