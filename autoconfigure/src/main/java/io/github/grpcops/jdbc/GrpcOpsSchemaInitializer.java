package io.github.grpcops.jdbc;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.util.StringUtils;

/**
 * Creates the grpc-ops tables the Spring way (as Spring Batch and Spring Session JDBC do): every
 * capability ships {@code io/github/grpcops/jdbc/schema-<capability>-<platform>.sql}, and this runs
 * them all for the data source's platform. Scripts use {@code create ... if not exists}, so running
 * them on every start is safe. Spring Boot orders JPA after this initializer, so
 * {@code ddl-auto=validate} sees the tables.
 */
public class GrpcOpsSchemaInitializer extends DataSourceScriptDatabaseInitializer {

    /** Optional: a platform without scripts of its own (or no capability with tables) starts normally. */
    static final String SCRIPTS = "optional:classpath*:io/github/grpcops/jdbc/schema-*-@@platform@@.sql";

    public GrpcOpsSchemaInitializer(DataSource dataSource, GrpcJdbcProperties properties) {
        super(dataSource, settings(dataSource, properties));
    }

    static DatabaseInitializationSettings settings(DataSource dataSource, GrpcJdbcProperties properties) {
        PlatformPlaceholderDatabaseDriverResolver platforms = new PlatformPlaceholderDatabaseDriverResolver();
        List<String> locations = StringUtils.hasText(properties.getPlatform())
                ? platforms.resolveAll(properties.getPlatform(), SCRIPTS)
                : platforms.resolveAll(dataSource, SCRIPTS);
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        settings.setSchemaLocations(locations);
        settings.setMode(properties.getInitializeSchema());
        settings.setContinueOnError(false);
        return settings;
    }
}
