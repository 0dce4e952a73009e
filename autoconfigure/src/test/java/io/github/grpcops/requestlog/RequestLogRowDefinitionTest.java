package io.github.grpcops.requestlog;

import java.lang.reflect.RecordComponent;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.jdbc.GrpcSchemaVariant;
import io.github.grpcops.jdbc.SchemaTables;
import io.github.grpcops.jdbc.SchemaTables.TableColumn;
import io.github.grpcops.requestlog.RequestLogColumn.SqlType;
import io.github.grpcops.test.postgres.TestPostgres;
import jakarta.persistence.Table;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.type.BasicType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestLogColumn} is the one definition of the request-log row: the entry has one component per
 * column, the JPA entity maps every column with the same name, nullability and length, and both schema
 * scripts, run into a real database (H2, PostgreSQL) the way the application runs them, create exactly
 * these columns with the declared types, nullability and lengths (the capped in-memory H2 and the
 * partitioned PostgreSQL variants too), and all but the capped in-memory H2 (one index, its own test)
 * exactly the indexes the entity declares. A column or index added to one of them and not the others
 * fails here.
 */
class RequestLogRowDefinitionTest {

    /** Table names of its own, apart from those other tests of the shared PostgreSQL look for. */
    private static final String PREFIX = "row_definition_";

    private static final String SCHEMA = "row_definition";

    /** The Java type a column's value has in the entry and the entity. */
    private static final Map<SqlType, Class<?>> JAVA_TYPES = Map.of(SqlType.UUID, UUID.class, SqlType.VARCHAR,
            String.class, SqlType.TEXT, String.class, SqlType.DOUBLE, double.class, SqlType.BIGINT, long.class,
            SqlType.BOOLEAN, boolean.class, SqlType.TIMESTAMP, Instant.class);

    /** How H2 reports the types the H2 script declares. */
    private static final Map<SqlType, String> H2_TYPES = Map.of(SqlType.UUID, "uuid", SqlType.VARCHAR,
            "character varying", SqlType.TEXT, "character large object", SqlType.DOUBLE, "double precision",
            SqlType.BIGINT, "bigint", SqlType.BOOLEAN, "boolean", SqlType.TIMESTAMP, "timestamp with time zone");

    /** How PostgreSQL reports the types the PostgreSQL script declares. */
    private static final Map<SqlType, String> POSTGRESQL_TYPES = Map.of(SqlType.UUID, "uuid", SqlType.VARCHAR,
            "varchar", SqlType.TEXT, "text", SqlType.DOUBLE, "float8", SqlType.BIGINT, "int8", SqlType.BOOLEAN, "bool",
            SqlType.TIMESTAMP, "timestamptz");

    @Test
    void entryHasOneComponentOfTheRightTypePerColumn() {
        Map<String, Class<?>> components = Arrays.stream(RequestLogEntry.class.getRecordComponents())
            .collect(Collectors.toMap(RecordComponent::getName, RecordComponent::getType));
        assertThat(components).isEqualTo(expected(column -> JAVA_TYPES.get(column.type()), RequestLogColumn::property));
    }

    @Test
    void entityMapsEveryColumnWithItsNameNullabilityAndLength() {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
            .applySetting("hibernate.dialect", "org.hibernate.dialect.H2Dialect")
            .applySetting("hibernate.boot.allow_jdbc_metadata_access", false)
            .build();
        try {
            Metadata metadata = new MetadataSources(registry).addAnnotatedClass(GrpcRequestLog.class).buildMetadata();
            PersistentClass entity = metadata.getEntityBinding(GrpcRequestLog.class.getName());
            Map<String, String> mapped = new LinkedHashMap<>();
            Stream.concat(Stream.of(entity.getIdentifierProperty()), entity.getPropertyClosure().stream())
                .forEach(property -> {
                    Column column = property.getColumns().get(0);
                    mapped.put(column.getName(), describe(property, column));
                });
            assertThat(mapped).isEqualTo(expected(RequestLogRowDefinitionTest::describe, RequestLogColumn::columnName));
        }
        finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    @Test
    void h2ScriptCreatesTheDefinedColumnsAndTheEntitysIndexes() throws SQLException {
        DataSource h2 = emptyH2();
        assertScriptCreatesTheDefinedColumns(h2, "h2", H2_TYPES, List.of());
        assertHasTheEntitysIndexes(h2);
    }

    @Test
    void inMemoryH2ScriptCreatesEveryColumnWithItsTypeNullabilityAndLength() throws SQLException {
        assertScriptCreatesTheDefinedColumns(emptyH2(), "h2", H2_TYPES,
                List.of(new GrpcSchemaVariant("requestlog", "in-memory", "in-memory-max-rows")));
    }

    @Test
    void postgresqlScriptCreatesTheDefinedColumnsAndTheEntitysIndexes() throws SQLException {
        TestPostgres.Server server = TestPostgres.server();
        DataSource postgres = new SimpleDriverDataSource(new org.postgresql.Driver(),
                SchemaTables.emptyPostgresSchema(SCHEMA), server.username(), server.password());
        try {
            assertScriptCreatesTheDefinedColumns(postgres, "postgresql", POSTGRESQL_TYPES, List.of());
            assertHasTheEntitysIndexes(postgres);
        }
        finally {
            // Other tests of the shared server read information_schema across schemas.
            new JdbcTemplate(postgres).execute("drop schema " + SCHEMA + " cascade");
        }
    }

    @Test
    void partitionedPostgresqlScriptCreatesTheDefinedColumnsAndTheEntitysIndexes() throws SQLException {
        TestPostgres.Server server = TestPostgres.server();
        DataSource postgres = new SimpleDriverDataSource(new org.postgresql.Driver(),
                SchemaTables.emptyPostgresSchema(SCHEMA), server.username(), server.password());
        try {
            assertScriptCreatesTheDefinedColumns(postgres, "postgresql", POSTGRESQL_TYPES,
                    List.of(new GrpcSchemaVariant("requestlog", "partitioned", "partitioning=daily")));
            assertHasTheEntitysIndexes(postgres);
            assertThat(new JdbcTemplate(postgres).queryForObject("select c.relkind::text from pg_class c "
                    + "where c.oid = to_regclass(?)", String.class, PREFIX + "request_log"))
                .as("range-partitioned").isEqualTo("p");
        }
        finally {
            new JdbcTemplate(postgres).execute("drop schema " + SCHEMA + " cascade");
        }
    }

    private static DataSource emptyH2() {
        return new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:row-definition-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** Runs the platform's scripts as the application does, then reads what the database holds. */
    private static void assertScriptCreatesTheDefinedColumns(DataSource dataSource, String platform,
            Map<SqlType, String> types, List<GrpcSchemaVariant> variants) throws SQLException {
        GrpcJdbcProperties properties = new GrpcJdbcProperties();
        properties.setPlatform(platform);
        properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
        properties.setTablePrefix(PREFIX);
        assertThat(new GrpcOpsSchemaInitializer(dataSource, properties, variants).initializeDatabase()).isTrue();
        String table = properties.table(RequestLogInserter.TABLE);
        Map<String, TableColumn> created = SchemaTables.describe(dataSource, table);
        assertThat(created).isEqualTo(expected(column -> new TableColumn(types.get(column.type()),
                (column.type() == SqlType.VARCHAR) ? column.length() : created.get(column.columnName()).size(),
                column.nullable()), RequestLogColumn::columnName));
    }

    /** The table the scripts made has exactly the entity's {@code @Index} list (names under the tests' prefix). */
    private static void assertHasTheEntitysIndexes(DataSource dataSource) throws SQLException {
        String table = PREFIX + "request_log";
        assertThat(SchemaTables.indexColumns(dataSource, table)).as("indexes of %s", table)
            .isEqualTo(entityIndexes());
    }

    /** The entity's {@code @Index} list, under the tests' prefix: name to its columns in order. */
    private static Map<String, List<String>> entityIndexes() {
        return Arrays.stream(GrpcRequestLog.class.getAnnotation(Table.class).indexes())
            .collect(Collectors.toMap(index -> PREFIX + index.name().substring("grpc_".length()),
                    index -> List.of(index.columnList().split(",\\s*"))));
    }

    private static String describe(RequestLogColumn column) {
        return describe(column.property(), column.nullable(),
                (column.type() == SqlType.VARCHAR) ? (long) column.length() : null);
    }

    /** The length counts for character columns only (a text column's is a meaningless default). */
    private static String describe(Property property, Column column) {
        int sqlType = ((BasicType<?>) property.getType()).getJdbcType().getDefaultSqlTypeCode();
        Long length = (sqlType == Types.VARCHAR) ? column.getLength() : null;
        return describe(property.getName(), column.isNullable(), length);
    }

    private static String describe(String attribute, boolean nullable, Long length) {
        return attribute + (nullable ? " null" : " not null") + ((length != null) ? " length " + length : "");
    }

    private static <V> Map<String, V> expected(Function<RequestLogColumn, V> value,
            Function<RequestLogColumn, String> key) {
        Map<String, V> expected = new LinkedHashMap<>();
        for (RequestLogColumn column : RequestLogColumn.values()) {
            expected.put(key.apply(column), value.apply(column));
        }
        return expected;
    }
}
