package io.github.grpcops.jdbc;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;

/**
 * Keeps Hibernate's schema tooling ({@code ddl-auto} create, create-drop, update) off the tables of
 * grpc-ops' entities once grpc-ops' own scripts created them. Spring Boot's default for an embedded
 * database is create-drop, which would otherwise drop the scripts' tables and create them again from the
 * entities: without the scripts' checks, with every index the entities declare (which the capped
 * in-memory request log leaves out on purpose), and with work at every start. The application's own
 * tables are still Hibernate's to manage, and {@code ddl-auto=validate} still checks grpc-ops' tables.
 */
class ScriptTablesSchemaFilterProvider implements SchemaFilterProvider {

    private final SchemaFilter leaveOutScriptTables;

    /** Leaves out grpc-ops' entity tables under {@code prefix}. */
    ScriptTablesSchemaFilterProvider(String prefix) {
        Set<String> tables = EntityTableNames.TABLES.stream()
            .map(name -> GrpcTables.name(name, prefix))
            .collect(Collectors.toUnmodifiableSet());
        this.leaveOutScriptTables = new SchemaFilter() {

            @Override
            public boolean includeNamespace(Namespace namespace) {
                return true;
            }

            @Override
            public boolean includeTable(Table table) {
                return !tables.contains(table.getName().toLowerCase(Locale.ROOT));
            }

            @Override
            public boolean includeSequence(Sequence sequence) {
                return true;
            }
        };
    }

    @Override
    public SchemaFilter getCreateFilter() {
        return this.leaveOutScriptTables;
    }

    @Override
    public SchemaFilter getDropFilter() {
        return this.leaveOutScriptTables;
    }

    @Override
    public SchemaFilter getMigrateFilter() {
        return this.leaveOutScriptTables;
    }

    @Override
    public SchemaFilter getTruncatorFilter() {
        return SchemaFilter.ALL;
    }

    @Override
    public SchemaFilter getValidateFilter() {
        return SchemaFilter.ALL;
    }
}
