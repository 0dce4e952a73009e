package io.github.grpcops.jdbc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * The tables grpc-ops keeps (request log, server status, API keys, shared rate-limit buckets):
 * {@code grpc.jdbc.*}.
 */
@ConfigurationProperties("grpc.jdbc")
public class GrpcJdbcProperties {

    /** When to create the grpc-ops tables: embedded (only in an embedded database), always, or never. */
    private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

    /** Platform of the schema scripts (h2, postgresql); detected from the data source when unset. */
    private String platform;

    /** Prefix of every grpc-ops table and index name, lower-case letters, digits and underscores (up to 31). */
    private String tablePrefix = "grpc_";

    public DatabaseInitializationMode getInitializeSchema() {
        return this.initializeSchema;
    }

    public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public String getPlatform() {
        return this.platform;
    }

    public void setPlatform(String platform) {
        this.platform = platform;
    }

    public String getTablePrefix() {
        return this.tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = GrpcTables.checkPrefix(tablePrefix);
    }

    /** The name of a grpc-ops table (given by its default name, {@code grpc_request_log}) under the prefix. */
    public String table(String defaultName) {
        return GrpcTables.name(defaultName, this.tablePrefix);
    }
}
