package io.github.grpcops.jdbc;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/**
 * The application's physical naming strategy, except that grpc-ops' entity tables get their prefixed
 * names as they are (the schema scripts create exactly those).
 */
class PrefixedPhysicalNamingStrategy implements PhysicalNamingStrategy {

    private final PhysicalNamingStrategy delegate;

    private final EntityTableNames names;

    PrefixedPhysicalNamingStrategy(PhysicalNamingStrategy delegate, EntityTableNames names) {
        this.delegate = delegate;
        this.names = names;
    }

    PhysicalNamingStrategy delegate() {
        return this.delegate;
    }

    @Override
    public Identifier toPhysicalTableName(Identifier logicalName, JdbcEnvironment environment) {
        Identifier prefixed = this.names.prefixed(logicalName);
        return (prefixed != null) ? prefixed : this.delegate.toPhysicalTableName(logicalName, environment);
    }

    @Override
    public Identifier toPhysicalCatalogName(Identifier logicalName, JdbcEnvironment environment) {
        return this.delegate.toPhysicalCatalogName(logicalName, environment);
    }

    @Override
    public Identifier toPhysicalSchemaName(Identifier logicalName, JdbcEnvironment environment) {
        return this.delegate.toPhysicalSchemaName(logicalName, environment);
    }

    @Override
    public Identifier toPhysicalSequenceName(Identifier logicalName, JdbcEnvironment environment) {
        return this.delegate.toPhysicalSequenceName(logicalName, environment);
    }

    @Override
    public Identifier toPhysicalColumnName(Identifier logicalName, JdbcEnvironment environment) {
        return this.delegate.toPhysicalColumnName(logicalName, environment);
    }

    @Override
    public Identifier toPhysicalTypeName(Identifier logicalName, JdbcEnvironment environment) {
        return this.delegate.toPhysicalTypeName(logicalName, environment);
    }
}
