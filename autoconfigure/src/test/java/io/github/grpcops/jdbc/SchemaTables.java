package io.github.grpcops.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.test.postgres.TestPostgres;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** What a database really holds, read from JDBC metadata of the connection's current schema. */
public final class SchemaTables {

    private SchemaTables() {
    }

    /** Names (lower case) of the tables in the current schema. */
    static Set<String> tables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            try (ResultSet rows = metadata.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] { "TABLE" })) {
                return names(rows, "TABLE_NAME");
            }
        }
    }

    /** Names (lower case) of the indexes of {@code table} in the current schema. */
    static Set<String> indexes(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            try (ResultSet rows = metadata.getIndexInfo(connection.getCatalog(), connection.getSchema(),
                    storedCase(metadata, table), false, false)) {
                return names(rows, "INDEX_NAME");
            }
        }
    }

    /**
     * The non-unique indexes of {@code table} in the current schema: lower-case name to its columns in
     * order, each followed by {@code " desc"} when the index sorts it descending.
     */
    public static Map<String, List<String>> indexColumns(DataSource dataSource, String table) throws SQLException {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            try (ResultSet rows = metadata.getIndexInfo(connection.getCatalog(), connection.getSchema(),
                    storedCase(metadata, table), false, false)) {
                while (rows.next()) {
                    String name = rows.getString("INDEX_NAME");
                    if (name != null && rows.getBoolean("NON_UNIQUE")) {
                        List<String> columns = indexes.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                                key -> new ArrayList<>());
                        // Rows come ordered by index and position (the JDBC contract).
                        columns.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)
                                + ("D".equals(rows.getString("ASC_OR_DESC")) ? " desc" : ""));
                    }
                }
            }
        }
        return indexes;
    }

    /**
     * The request log's secondary indexes as the entity declares them (each SQL script must create the
     * same), named with {@code prefix} in place of the default {@code grpc_}.
     */
    static Set<String> requestLogIndexNames(String prefix) {
        Set<String> names = new TreeSet<>();
        for (Index index : GrpcRequestLog.class.getAnnotation(Table.class).indexes()) {
            names.add(prefix + index.name().substring("grpc_".length()));
        }
        return names;
    }

    /** Names (lower case) of the columns of {@code table} in the current schema. */
    static Set<String> columns(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            try (ResultSet rows = metadata.getColumns(connection.getCatalog(), connection.getSchema(),
                    storedCase(metadata, table), "%")) {
                return names(rows, "COLUMN_NAME");
            }
        }
    }

    /**
     * A JDBC URL of the shared test PostgreSQL whose current schema is {@code schema}, dropped and
     * created empty, so a test sees only the tables it made.
     */
    public static String emptyPostgresSchema(String schema) throws SQLException {
        TestPostgres.Server server = TestPostgres.server();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
                server.password()); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("create schema " + schema);
        }
        return server.jdbcUrl() + (server.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The columns of {@code table} in the current schema, by lower-case name, as the database reports them. */
    public static Map<String, TableColumn> describe(DataSource dataSource, String table) throws SQLException {
        Map<String, TableColumn> columns = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            try (ResultSet rows = metadata.getColumns(connection.getCatalog(), connection.getSchema(),
                    storedCase(metadata, table), "%")) {
                while (rows.next()) {
                    columns.put(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                            new TableColumn(rows.getString("TYPE_NAME").toLowerCase(Locale.ROOT),
                                    rows.getInt("COLUMN_SIZE"),
                                    rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
                }
            }
        }
        return columns;
    }

    private static String storedCase(DatabaseMetaData metadata, String name) throws SQLException {
        return metadata.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
    }

    private static Set<String> names(ResultSet rows, String column) throws SQLException {
        Set<String> names = new TreeSet<>();
        while (rows.next()) {
            String name = rows.getString(column);
            if (name != null) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * A column as the database reports it.
     *
     * @param type the type name, lower case
     * @param size the maximum length of a character column
     * @param nullable whether it takes {@code null}
     */
    public record TableColumn(String type, int size, boolean nullable) {
    }
}
