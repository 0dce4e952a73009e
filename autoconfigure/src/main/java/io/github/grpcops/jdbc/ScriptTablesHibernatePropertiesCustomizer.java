package io.github.grpcops.jdbc;

import java.util.Map;

import org.hibernate.cfg.SchemaToolingSettings;

import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;

/**
 * Hands grpc-ops' tables to its scripts alone ({@link ScriptTablesSchemaFilterProvider}) when the
 * scripts ran into the application's data source. An application that set a schema filter of its own
 * keeps it.
 */
class ScriptTablesHibernatePropertiesCustomizer implements HibernatePropertiesCustomizer {

    private final GrpcOpsSchemaInitializer initializer;

    private final String prefix;

    ScriptTablesHibernatePropertiesCustomizer(GrpcOpsSchemaInitializer initializer, String prefix) {
        this.initializer = initializer;
        this.prefix = prefix;
    }

    @Override
    public void customize(Map<String, Object> properties) {
        if (this.initializer.ranScripts()) {
            properties.putIfAbsent(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER,
                    new ScriptTablesSchemaFilterProvider(this.prefix));
        }
    }
}
