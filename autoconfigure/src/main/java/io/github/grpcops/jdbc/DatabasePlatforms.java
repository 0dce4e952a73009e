package io.github.grpcops.jdbc;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.util.StringUtils;

/** Which database the grpc-ops tables live in, for the few features that differ (PostgreSQL's locks and partitions). */
public final class DatabasePlatforms {

    private DatabasePlatforms() {
    }

    /** Whether {@code grpc.jdbc.platform} says, or else the data source is, PostgreSQL. */
    public static boolean isPostgres(DataSource dataSource, GrpcJdbcProperties properties) {
        if (StringUtils.hasText(properties.getPlatform())) {
            return "postgresql".equalsIgnoreCase(properties.getPlatform().trim());
        }
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource,
                    metaData -> metaData.getDatabaseProductName());
            return DatabaseDriver.fromProductName(product) == DatabaseDriver.POSTGRESQL;
        }
        catch (MetaDataAccessException ex) {
            return false;
        }
    }
}
