package io.github.grpcops.jdbc;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates the grpc-ops tables in the application's data source ({@code grpc.jdbc.initialize-schema}),
 * checks that the ones the switched-on features need exist ({@link RequiredTable}), maps grpc-ops'
 * JPA entities to them under {@code grpc.jdbc.table-prefix}, and keeps Hibernate's {@code ddl-auto} off
 * the tables its scripts created.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(GrpcJdbcProperties.class)
public class GrpcJdbcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GrpcOpsSchemaInitializer grpcOpsSchemaInitializer(DataSource dataSource, GrpcJdbcProperties properties,
            ObjectProvider<GrpcSchemaVariant> variants) {
        return new GrpcOpsSchemaInitializer(dataSource, properties, variants.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    GrpcTablesCheck grpcTablesCheck(DataSource dataSource, GrpcJdbcProperties properties,
            ObjectProvider<RequiredTable> tables) {
        return new GrpcTablesCheck(dataSource, properties, tables.orderedStream().toList());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.hibernate.boot.model.naming.PhysicalNamingStrategy")
    static class HibernateTableNames {

        @Bean
        @ConditionalOnMissingBean
        TablePrefixHibernatePropertiesCustomizer grpcTablePrefixHibernatePropertiesCustomizer(
                GrpcJdbcProperties properties, ResourceLoader resourceLoader) {
            return new TablePrefixHibernatePropertiesCustomizer(properties.getTablePrefix(),
                    resourceLoader.getClassLoader());
        }

        @Bean
        @ConditionalOnMissingBean
        ScriptTablesHibernatePropertiesCustomizer grpcScriptTablesHibernatePropertiesCustomizer(
                GrpcOpsSchemaInitializer initializer, GrpcJdbcProperties properties) {
            return new ScriptTablesHibernatePropertiesCustomizer(initializer, properties.getTablePrefix());
        }
    }
}
