package io.github.grpcops.jdbc;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.util.StringUtils;

/** Which database the grpc-ops tables live in, for the few features that differ (PostgreSQL's locks and partitions, H2's bounded delete). */
public final class DatabasePlatforms {

    private DatabasePlatforms() {
    }

    /** Whether {@code grpc.jdbc.platform} says, or else the data source is, PostgreSQL. */
    public static boolean isPostgres(DataSource dataSource, GrpcJdbcProperties properties) {
        return is(DatabaseDriver.POSTGRESQL, dataSource, properties);
    }

    /** Whether {@code grpc.jdbc.platform} says, or else the data source is, H2. */
    public static boolean isH2(DataSource dataSource, GrpcJdbcProperties properties) {
        return is(DatabaseDriver.H2, dataSource, properties);
    }

    private static boolean is(DatabaseDriver platform, DataSource dataSource, GrpcJdbcProperties properties) {
        if (StringUtils.hasText(properties.getPlatform())) {
            return platform.getId().equalsIgnoreCase(properties.getPlatform().trim());
        }
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource,
                    metaData -> metaData.getDatabaseProductName());
            return DatabaseDriver.fromProductName(product) == platform;
        }
        catch (MetaDataAccessException ex) {
            return false;
        }
    }
}
