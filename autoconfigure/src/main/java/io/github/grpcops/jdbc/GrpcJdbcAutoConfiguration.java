package io.github.grpcops.jdbc;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates the grpc-ops tables in the application's data source ({@code grpc.jdbc.initialize-schema}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(GrpcJdbcProperties.class)
public class GrpcJdbcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GrpcOpsSchemaInitializer grpcOpsSchemaInitializer(DataSource dataSource, GrpcJdbcProperties properties) {
        return new GrpcOpsSchemaInitializer(dataSource, properties);
    }
}
