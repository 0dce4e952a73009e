package io.github.grpcops.logging;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailureTextTest {

    @Test
    void namesTypesSqlStateAndItsClassAndKeepsTheFirstLineWithQuotedValuesBlanked() {
        SQLException driver = new SQLException("ERROR: null value in column \"service\" of relation \"grpc_request_log\" "
                + "violates not-null constraint\n  Detail: Failing row contains (0190-aa, req-secret-1, alice).",
                "23502", 0);
        assertThat(DatabaseFailureText.describe(new DataIntegrityViolationException("insert failed", driver)))
            .isEqualTo("DataIntegrityViolationException (SQLException, SQLState 23502 integrity constraint violation, "
                    + "error code 0): ERROR: null value in column \"…\" of relation \"…\" violates not-null constraint");
    }

    @Test
    void batchIsDescribedByTheStatementErrorBehindItNeverByItsOwnMessage() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 insert into grpc_request_log (request_id) "
                + "values ('req-secret-2') was aborted: FATAL: terminating connection", "57P01", 0, new int[0]);
        batch.setNextException(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        String text = DatabaseFailureText.describe(new CannotGetJdbcConnectionException("x", batch));
        assertThat(text).doesNotContain("req-secret-2")
            .isEqualTo("CannotGetJdbcConnectionException (SQLException, SQLState 57P01 operator intervention, error "
                    + "code 0): FATAL: terminating connection due to administrator command");
        BatchUpdateException alone = new BatchUpdateException("Batch entry 0 insert … values ('req-secret-3')", "08006",
                0, new int[0]);
        assertThat(DatabaseFailureText.describe(alone)).doesNotContain("req-secret-3")
            .isEqualTo("BatchUpdateException (SQLState 08006 connection exception, error code 0)");
    }

    @Test
    void unterminatedQuotesAndLongMessagesAreCut() {
        assertThat(DatabaseFailureText.sanitise("invalid input syntax for type uuid: \"abc-secret")).isEqualTo(
                "invalid input syntax for type uuid: \"…\"");
        assertThat(DatabaseFailureText.sanitise("x".repeat(500))).hasSize(DatabaseFailureText.MAX_MESSAGE + 1)
            .endsWith("…");
    }

    @Test
    void failureWithoutSqlExceptionIsItsTypeAndSanitisedMessage() {
        assertThat(DatabaseFailureText.describe(new IllegalStateException("value 'secret' too long")))
            .isEqualTo("IllegalStateException: value '…' too long");
    }
}
