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
}
