package io.github.grpcops.auth.readonly;

import java.util.List;

import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.ServiceImplementations;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.server.ServiceDiscovery;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read-only services: the interceptor that runs {@link io.github.grpcops.auth.ReadOnlyService} calls in
 * read-only transactions, and, with Hibernate, the statement inspector that refuses writes where the
 * database would not (H2).
 */
@AutoConfiguration(after = { HibernateJpaAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class, GrpcAuthAutoConfiguration.class })
@ConditionalOnClass(TransactionTemplate.class)
@ConditionalOnBean(PlatformTransactionManager.class)
public class ReadOnlyServiceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReadOnlyServiceInterceptor readOnlyServiceInterceptor(ObjectProvider<ServiceImplementations> services,
            ObjectProvider<ServiceDiscovery> discovery, PlatformTransactionManager transactions, CallRefuser refusals) {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        return new ReadOnlyServiceInterceptor(
                services.getIfAvailable(() -> new ServiceImplementations(discovery.getIfAvailable(() -> List::of))),
                readOnly, refusals);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ StatementInspector.class, HibernatePropertiesCustomizer.class })
    static class HibernateReadOnlyConfiguration {

        /** Chains onto an inspector instance the application set; a class name set by it is left alone. */
        @Bean
        HibernatePropertiesCustomizer readOnlyStatementInspectorCustomizer() {
            return properties -> {
                Object existing = properties.get("hibernate.session_factory.statement_inspector");
                if (existing == null || existing instanceof StatementInspector) {
                    properties.put("hibernate.session_factory.statement_inspector",
                            new ReadOnlyStatementInspector((StatementInspector) existing));
                }
            };
        }
    }
}
