package io.github.grpcops.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

/**
 * Creates the grpc-ops tables the Spring way (as Spring Batch and Spring Session JDBC do): every
 * capability ships {@code io/github/grpcops/jdbc/schema-<capability>-<platform>.sql}, and this runs
 * them all for the data source's platform, with {@value GrpcTables#PLACEHOLDER} replaced by
 * {@code grpc.jdbc.table-prefix} (validated when bound, so it is a plain identifier). Scripts use
 * {@code create ... if not exists}, so running them on every start is safe. Spring Boot orders JPA
 * after this initializer, so {@code ddl-auto=validate} sees the tables.
 */
public class GrpcOpsSchemaInitializer extends DataSourceScriptDatabaseInitializer {

    /** Optional: a platform without scripts of its own (or no capability with tables) starts normally. */
    static final String SCRIPTS = "optional:classpath*:io/github/grpcops/jdbc/schema-*-@@platform@@.sql";

    private static final String VARIANTS = "io/github/grpcops/jdbc/";

    private final String tablePrefix;

    private final List<GrpcSchemaVariant> variants;

    private volatile boolean ranScripts;

    public GrpcOpsSchemaInitializer(DataSource dataSource, GrpcJdbcProperties properties) {
        this(dataSource, properties, List.of());
    }

    /** Runs each variant's script instead of its capability's default one. */
    public GrpcOpsSchemaInitializer(DataSource dataSource, GrpcJdbcProperties properties,
            List<GrpcSchemaVariant> variants) {
        super(dataSource, settings(dataSource, properties));
        this.tablePrefix = GrpcTables.checkPrefix(properties.getTablePrefix());
        this.variants = variants;
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

    @Override
    public boolean initializeDatabase() {
        boolean ran = super.initializeDatabase();
        this.ranScripts |= ran;
        return ran;
    }

    /**
     * Whether this created grpc-ops' tables (its mode applies to the data source and the platform has
     * scripts): Hibernate's schema tooling then leaves them alone ({@link ScriptTablesSchemaFilterProvider}).
     */
    public boolean ranScripts() {
        return this.ranScripts;
    }

    @Override
    protected void runScripts(Scripts scripts) {
        Charset encoding = (scripts.getEncoding() != null) ? scripts.getEncoding() : StandardCharsets.UTF_8;
        List<Resource> prefixed = new ArrayList<>();
        for (Resource script : scripts) {
            prefixed.add(withPrefix(variantOf(script), encoding));
        }
        super.runScripts(new Scripts(prefixed).continueOnError(scripts.isContinueOnError())
            .separator(scripts.getSeparator())
            .encoding(encoding));
    }

    private Resource variantOf(Resource script) {
        String name = script.getFilename();
        for (GrpcSchemaVariant variant : this.variants) {
            String capability = "schema-" + variant.capability() + "-";
            if (name != null && name.startsWith(capability)) {
                Resource replacement = new ClassPathResource(VARIANTS + variant.variant() + "/" + name);
                if (!replacement.exists()) {
                    throw new IllegalStateException(variant.setting() + " is not available on "
                            + name.substring(capability.length(), name.length() - ".sql".length())
                            + " (no " + replacement.getDescription() + ")");
                }
                return replacement;
            }
        }
        return script;
    }

    private Resource withPrefix(Resource script, Charset encoding) {
        try {
            String sql = script.getContentAsString(encoding).replace(GrpcTables.PLACEHOLDER, this.tablePrefix);
            return new ByteArrayResource(sql.getBytes(encoding), script.getDescription());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + script.getDescription(), ex);
        }
    }
}
