package io.github.grpcops.jdbc;

import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * What kind of database a data source is, as grpc-ops tells users about it: the product, and whether
 * its data lives only in this process's memory (so it grows the heap and is gone at exit). Read once
 * from the JDBC metadata; never holds the URL, which may carry a password.
 *
 * @param product the database product ({@code H2}, {@code PostgreSQL}), or {@code unknown database}
 * @param inMemory whether the data lives in this JVM's heap ({@code jdbc:h2:mem:} and the like)
 */
public record DatabaseDescription(String product, boolean inMemory) {

    private static final List<String> IN_MEMORY_URLS = List.of("jdbc:h2:mem:", "jdbc:hsqldb:mem:",
            "jdbc:derby:memory:");

    /** The description of {@code dataSource}; an unreachable one is an unknown database, not in memory. */
    public static DatabaseDescription of(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> {
                String url = String.valueOf(metaData.getURL()).toLowerCase(Locale.ROOT);
                return new DatabaseDescription(metaData.getDatabaseProductName(),
                        IN_MEMORY_URLS.stream().anyMatch(url::startsWith));
            });
        }
        catch (MetaDataAccessException ex) {
            return new DatabaseDescription("unknown database", false);
        }
    }

    @Override
    public String toString() {
        return this.inMemory ? this.product + " in memory" : this.product;
    }
}
