package io.github.grpcops.jdbc;

import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.grpcops.diagnostics.GrpcOpsConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.StringUtils;

/**
 * Checks, once every bean exists (so after grpc-ops' scripts and any {@code ddl-auto} ran) and before
 * the gRPC server starts, that each {@link RequiredTable} of a switched-on feature exists. A missing one
 * stops the start with what to do ({@code grpc.jdbc.initialize-schema=always}, the script to run, the
 * switch), instead of an application that starts and then fails every call's row, every status heartbeat
 * and every API-key lookup with "relation does not exist". A database that cannot be reached is left to
 * the features' own outage handling.
 */
class GrpcTablesCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(GrpcTablesCheck.class);

    private final JdbcTemplate jdbc;

    private final DataSource dataSource;

    private final GrpcJdbcProperties properties;

    private final List<RequiredTable> tables;

    GrpcTablesCheck(DataSource dataSource, GrpcJdbcProperties properties, List<RequiredTable> tables) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.dataSource = dataSource;
        this.properties = properties;
        this.tables = List.copyOf(tables);
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<RequiredTable> missing = this.tables.stream().filter(table -> !exists(table)).toList();
        if (!missing.isEmpty()) {
            throw missing(missing);
        }
    }

    private boolean exists(RequiredTable table) {
        try {
            this.jdbc.queryForList("select 1 from " + this.properties.table(table.defaultName()) + " where 1 = 0");
            return true;
        }
        catch (BadSqlGrammarException ex) {
            return false;
        }
        catch (DataAccessException ex) {
            log.warn("Could not check that {} exists ({}); the features that need it report the outage themselves",
                    this.properties.table(table.defaultName()), ex.getClass().getName());
            return true;
        }
    }

    private GrpcOpsConfigurationException missing(List<RequiredTable> missing) {
        String platform = platform();
        DatabaseInitializationMode mode = this.properties.getInitializeSchema();
        String needs = missing.stream()
            .map(table -> table.feature() + " needs the table " + this.properties.table(table.defaultName()))
            .collect(Collectors.joining("; "));
        String why = switch (mode) {
            case EMBEDDED -> "grpc.jdbc.initialize-schema is 'embedded', so grpc-ops creates its tables only in an "
                    + "embedded database, and this one (" + platform + ") is not.";
            case NEVER -> "grpc.jdbc.initialize-schema is 'never', so grpc-ops creates no tables.";
            case ALWAYS -> "grpc.jdbc.initialize-schema is 'always', but grpc-ops has no schema script for "
                    + platform + ".";
        };
        String scripts = missing.stream()
            .map(table -> "classpath:io/github/grpcops/jdbc/schema-" + table.script() + "-" + platform + ".sql")
            .distinct()
            .collect(Collectors.joining(", "));
        String switches = missing.stream().map(RequiredTable::switchOff).distinct().collect(Collectors.joining(", "));
        String action = (mode == DatabaseInitializationMode.ALWAYS)
                ? "Create the tables yourself, modelled on grpc-ops' PostgreSQL scripts "
                        + "(classpath:io/github/grpcops/jdbc/schema-*-postgresql.sql), or switch the features off: "
                        + switches + "."
                : "Set grpc.jdbc.initialize-schema=always to let grpc-ops create them at start-up (it runs " + scripts
                        + ", with @@prefix@@ replaced by grpc.jdbc.table-prefix; every statement is 'create ... if "
                        + "not exists'), or run those scripts yourself (Flyway, Liquibase), or switch the features "
                        + "off: " + switches + ".";
        return new GrpcOpsConfigurationException("grpc.jdbc.initialize-schema",
                "grpc-ops' tables are missing from the application's database: " + needs + ". " + why, action);
    }

    private String platform() {
        if (StringUtils.hasText(this.properties.getPlatform())) {
            return this.properties.getPlatform();
        }
        try {
            return new PlatformPlaceholderDatabaseDriverResolver().resolveAll(this.dataSource, "@@platform@@").get(0);
        }
        catch (RuntimeException ex) {
            return "your database";
        }
    }
}
