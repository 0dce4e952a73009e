package io.github.grpcops.jdbc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.grpcops.auth.apikey.ApiKey;
import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.status.GrpcServerStatus;
import jakarta.persistence.Table;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The wrapping of the application's naming strategies: only grpc-ops' own table and index names change.
 */
class TablePrefixHibernatePropertiesCustomizerTest {

    private static Map<String, Object> customized(String prefix, Object physical) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AvailableSettings.PHYSICAL_NAMING_STRATEGY, physical);
        properties.put(AvailableSettings.IMPLICIT_NAMING_STRATEGY, SpringImplicitNamingStrategy.class.getName());
        new TablePrefixHibernatePropertiesCustomizer(prefix, TablePrefixHibernatePropertiesCustomizerTest.class.getClassLoader())
            .customize(properties);
        return properties;
    }

    private static String table(Map<String, Object> properties, String logical) {
        return ((PhysicalNamingStrategy) properties.get(AvailableSettings.PHYSICAL_NAMING_STRATEGY))
            .toPhysicalTableName(Identifier.toIdentifier(logical), null)
            .getText();
    }

    @Test
    void ownTablesGetThePrefixAndEveryOtherNameIsTheDelegates() {
        Map<String, Object> properties = customized("ops_", CamelCaseToUnderscoresNamingStrategy.class.getName());
        assertThat(properties.get(AvailableSettings.PHYSICAL_NAMING_STRATEGY))
            .isInstanceOfSatisfying(PrefixedPhysicalNamingStrategy.class, wrapper -> assertThat(wrapper.delegate())
                .isInstanceOf(CamelCaseToUnderscoresNamingStrategy.class));
        assertThat(properties.get(AvailableSettings.IMPLICIT_NAMING_STRATEGY))
            .isInstanceOfSatisfying(PrefixedImplicitNamingStrategy.class,
                    wrapper -> assertThat(wrapper.delegate()).isInstanceOf(SpringImplicitNamingStrategy.class));
        assertThat(table(properties, "grpc_request_log")).isEqualTo("ops_request_log");
        assertThat(table(properties, "grpc_server_status")).isEqualTo("ops_server_status");
        assertThat(table(properties, "grpc_api_key")).isEqualTo("ops_api_key");
        assertThat(table(properties, "OrderLine")).isEqualTo("order_line");
        assertThat(table(properties, "grpc_request_log_archive")).as("an application table that merely looks like ours")
            .isEqualTo("grpc_request_log_archive");
    }

    @Test
    void aStrategyInstanceFromANamingStrategyBeanIsWrappedAsIs() {
        PhysicalNamingStrategy users = new PhysicalNamingStrategyStandardImpl();
        Map<String, Object> properties = customized("ops_", users);
        assertThat(((PrefixedPhysicalNamingStrategy) properties.get(AvailableSettings.PHYSICAL_NAMING_STRATEGY))
            .delegate()).isSameAs(users);
        assertThat(table(properties, "MyTable")).isEqualTo("MyTable");
    }

    @Test
    void theDefaultPrefixLeavesTheStrategiesUntouched() {
        Map<String, Object> properties = customized(GrpcTables.DEFAULT_PREFIX,
                CamelCaseToUnderscoresNamingStrategy.class.getName());
        assertThat(properties).containsEntry(AvailableSettings.PHYSICAL_NAMING_STRATEGY,
                CamelCaseToUnderscoresNamingStrategy.class.getName())
            .containsEntry(AvailableSettings.IMPLICIT_NAMING_STRATEGY, SpringImplicitNamingStrategy.class.getName());
    }

    @Test
    void everyTableAndIndexNameOfTheStartersEntitiesIsKnown() {
        Set<String> declared = Stream.of(GrpcRequestLog.class, GrpcServerStatus.class, ApiKey.class)
            .map(type -> type.getAnnotation(Table.class))
            .flatMap(table -> Stream.concat(Stream.of(table.name()),
                    Arrays.stream(table.indexes()).map(jakarta.persistence.Index::name)))
            .collect(Collectors.toSet());
        assertThat(EntityTableNames.DEFAULT_NAMES).isEqualTo(declared);
    }

    @Test
    void prefixesAreCheckedAndApplied() {
        assertThat(GrpcTables.name("grpc_rate_limit_bucket", "ops_")).isEqualTo("ops_rate_limit_bucket");
        assertThatIllegalArgumentException().isThrownBy(() -> GrpcTables.name("grpc_request_log", "OPS"))
            .withMessageContaining("grpc.jdbc.table-prefix");
        assertThatIllegalArgumentException().isThrownBy(() -> GrpcTables.name("request_log", "ops_"));
    }
}
