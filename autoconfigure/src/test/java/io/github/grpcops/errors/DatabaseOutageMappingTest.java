package io.github.grpcops.errors;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import com.google.rpc.RetryInfo;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import io.grpc.Status;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in table's answer for each way a database outage reaches service code, and for the
 * transient failures that are not outages: an outage is {@code UNAVAILABLE} with a {@code RetryInfo},
 * lock conflicts and timeouts keep their codes.
 */
class DatabaseOutageMappingTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, ErrorMappingAutoConfiguration.class))
        .withPropertyValues("grpc.errors.unavailable-retry-delay=2500ms");

    @Test
    void outagesAreUnavailableWithTheConfiguredRetryDelay() {
        this.runner.run(context -> {
            GrpcErrorMapper mapper = context.getBean(GrpcErrorMapper.class);
            SQLException refused = new SQLException("Connection to localhost:5432 refused.", "08001");
            for (Throwable outage : new Throwable[] { new CannotCreateTransactionException("no tx", refused),
                    new CannotGetJdbcConnectionException("no connection", refused),
                    new TransientDataAccessResourceException("transient"),
                    new RecoverableDataAccessException("recoverable"),
                    new JpaSystemException(new PersistenceException("broken",
                            new SQLException("An I/O error occurred while sending to the backend.", "08006"))),
                    new PersistenceException(new SQLException("terminating connection due to administrator command",
                            "57P01")),
                    new RuntimeException(new SQLTransientConnectionException("HikariPool-1 - Connection is not "
                            + "available, request timed out after 30000ms")),
                    // A query hit the outage, the pool evicted the connection, the rollback met the closed proxy.
                    new JpaSystemException(new PersistenceException("Unable to rollback against JDBC Connection",
                            new SQLException("Connection is closed"))) }) {
                GrpcError error = mapper.resolve(outage);
                assertThat(error.code()).as(outage.toString()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(error.reason()).isEqualTo(DatabaseUnavailableMapper.REASON);
                assertThat(error.message()).isEqualTo("The service is temporarily unavailable");
                assertThat(error.details()).singleElement()
                    .isInstanceOfSatisfying(RetryInfo.class,
                            retry -> assertThat(retry.getRetryDelay().getNanos()).isEqualTo(500_000_000));
            }
        });
    }

    @Test
    void transientFailuresThatAreNoOutageKeepTheirCodes() {
        this.runner.run(context -> {
            GrpcErrorMapper mapper = context.getBean(GrpcErrorMapper.class);
            assertThat(mapper.resolve(new QueryTimeoutException("slow")).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(mapper.resolve(new CannotAcquireLockException("locked")).code()).isEqualTo(Status.Code.ABORTED);
            assertThat(mapper.resolve(new ConcurrencyFailureException("serialization")).code())
                .isEqualTo(Status.Code.ABORTED);
            assertThat(mapper.resolve(new DataIntegrityViolationException("dup",
                    new SQLException("duplicate key", "23505"))).code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(mapper.resolve(new JpaSystemException(new PersistenceException("bug"))).code())
                .isEqualTo(Status.Code.INTERNAL);
            assertThat(mapper.resolve(new JpaSystemException(new PersistenceException("commit failed",
                    new SQLException("deferred constraint", "23505")))).code()).isEqualTo(Status.Code.INTERNAL);
        });
    }

    @Test
    void retryDelayDefaultsToOneSecond() {
        assertThat(new ErrorMappingProperties().getUnavailableRetryDelay()).isEqualTo(Duration.ofSeconds(1));
    }
}
