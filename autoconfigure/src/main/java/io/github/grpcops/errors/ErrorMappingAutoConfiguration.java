package io.github.grpcops.errors;

import io.github.grpcops.pipeline.CallRefuser;
import io.grpc.Status.Code;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the error-mapping interceptor ({@code grpc.errors.enabled}, on by default) and the
 * built-in exception mappers; the mappers for Spring Data, JPA, Spring Security and Bean Validation
 * only when those libraries are on the class path.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "grpc.errors.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ErrorMappingProperties.class)
public class ErrorMappingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GrpcErrorMapper grpcErrorMapper(ObjectProvider<GrpcExceptionMapper> mappers, CallRefuser refusals) {
        return new GrpcErrorMapper(mappers.orderedStream().toList(), refusals.domain());
    }

    @Bean
    @ConditionalOnMissingBean
    ErrorMappingServerInterceptor errorMappingServerInterceptor(ErrorMappingProperties properties,
            GrpcErrorMapper grpcErrorMapper) {
        return new ErrorMappingServerInterceptor(properties, grpcErrorMapper);
    }

    @Bean
    @ConditionalOnMissingBean
    StatusExceptionMapper statusExceptionMapper() {
        return new StatusExceptionMapper();
    }

    /** {@code grpc.errors.mappings}: the application's own table, before the built-ins. */
    @Bean
    GrpcExceptionMapper configuredExceptionMapper(ErrorMappingProperties properties) {
        ExceptionTypeMapper.Builder table = ExceptionTypeMapper.builder(GrpcExceptionMapper.BUILT_IN_ORDER - 100);
        properties.getMappings().forEach((type, code) -> table.map(type, code, code.name()));
        return table.build();
    }

    @Bean
    @ConditionalOnMissingBean
    IllegalArgumentExceptionMapper illegalArgumentExceptionMapper(ErrorMappingProperties properties) {
        return new IllegalArgumentExceptionMapper(properties.isExposeInvalidArgumentMessages());
    }

    /** JDBC connection failures anywhere in the cause chain. */
    @Bean
    @ConditionalOnMissingBean
    DatabaseUnavailableMapper databaseUnavailableMapper(ErrorMappingProperties properties) {
        return new DatabaseUnavailableMapper(properties.getUnavailableRetryDelay());
    }

    /** JDK exceptions; asked last, so a more specific library mapping wins. */
    @Bean
    GrpcExceptionMapper jdkExceptionMapper() {
        return ExceptionTypeMapper.builder(GrpcExceptionMapper.BUILT_IN_ORDER + 100)
            .map("java.util.NoSuchElementException", Code.NOT_FOUND, "NOT_FOUND")
            .map("java.lang.UnsupportedOperationException", Code.UNIMPLEMENTED, "UNIMPLEMENTED")
            .map("java.util.concurrent.TimeoutException", Code.DEADLINE_EXCEEDED, "TIMEOUT")
            .map("java.lang.SecurityException", Code.PERMISSION_DENIED, "ACCESS_DENIED")
            .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.DataAccessException")
    static class SpringDataMappers {

        /** The nearest superclass in the table wins: lock conflicts and timeouts keep their codes. */
        @Bean
        GrpcExceptionMapper springDataExceptionMapper(ErrorMappingProperties properties) {
            GrpcError unavailable = DatabaseUnavailableMapper.error(properties.getUnavailableRetryDelay());
            return ExceptionTypeMapper.builder(GrpcExceptionMapper.BUILT_IN_ORDER)
                .map("org.springframework.dao.EmptyResultDataAccessException", Code.NOT_FOUND, "ENTITY_NOT_FOUND")
                .map("org.springframework.dao.DuplicateKeyException", Code.ALREADY_EXISTS, "DUPLICATE_KEY")
                .map("org.springframework.dao.DataIntegrityViolationException", Code.FAILED_PRECONDITION,
                        "DATA_INTEGRITY_VIOLATION")
                .map("org.springframework.dao.OptimisticLockingFailureException", Code.ABORTED, "CONCURRENT_MODIFICATION")
                .map("org.springframework.dao.PessimisticLockingFailureException", Code.ABORTED, "LOCK_CONFLICT")
                .map("org.springframework.dao.QueryTimeoutException", Code.DEADLINE_EXCEEDED, "TIMEOUT")
                .map("org.springframework.transaction.TransactionTimedOutException", Code.DEADLINE_EXCEEDED, "TIMEOUT")
                .map("org.springframework.dao.ConcurrencyFailureException", Code.ABORTED, "CONCURRENT_MODIFICATION")
                .map("org.springframework.dao.DataAccessResourceFailureException", unavailable)
                .map("org.springframework.dao.TransientDataAccessException", unavailable)
                .map("org.springframework.dao.RecoverableDataAccessException", unavailable)
                .map("org.springframework.transaction.CannotCreateTransactionException", unavailable)
                .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "jakarta.persistence.PersistenceException")
    static class JpaMappers {

        @Bean
        GrpcExceptionMapper jpaExceptionMapper() {
            return ExceptionTypeMapper.builder(GrpcExceptionMapper.BUILT_IN_ORDER)
                .map("jakarta.persistence.EntityNotFoundException", Code.NOT_FOUND, "ENTITY_NOT_FOUND")
                .map("jakarta.persistence.NoResultException", Code.NOT_FOUND, "ENTITY_NOT_FOUND")
                .map("jakarta.persistence.EntityExistsException", Code.ALREADY_EXISTS, "DUPLICATE_KEY")
                .map("jakarta.persistence.OptimisticLockException", Code.ABORTED, "CONCURRENT_MODIFICATION")
                .map("jakarta.persistence.PessimisticLockException", Code.ABORTED, "LOCK_CONFLICT")
                .map("jakarta.persistence.QueryTimeoutException", Code.DEADLINE_EXCEEDED, "TIMEOUT")
                .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.access.AccessDeniedException")
    static class SpringSecurityMappers {

        @Bean
        @ConditionalOnMissingBean
        SpringSecurityExceptionMapper springSecurityExceptionMapper() {
            return new SpringSecurityExceptionMapper();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "jakarta.validation.ConstraintViolationException")
    static class BeanValidationMappers {

        @Bean
        @ConditionalOnMissingBean
        ConstraintViolationExceptionMapper constraintViolationExceptionMapper() {
            return new ConstraintViolationExceptionMapper();
        }
    }
}
