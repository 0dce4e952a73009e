package io.github.grpcops.requestlog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.github.grpcops.lifecycle.GrpcOpsThreads;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source as the request-log writer uses it: a connection is waited for at most
 * {@code grpc.request-log.writer.connect-timeout}, whatever the pool's own timeout (Hikari's is 30 s by
 * default), so during an outage every attempt fails in bounded time and the writer's backoff, failed
 * batches and log lines say what happens. The wait runs on a helper thread; one that outlives its
 * timeout is not repeated but awaited again by the next attempt, and a connection it brings late is
 * used then (or closed at shutdown), never leaked.
 */
final class TimeBoundDataSource extends DelegatingDataSource implements AutoCloseable {

    static final String CONNECTION_EXCEPTION = "08001";

    private final Duration connectTimeout;

    private final ExecutorService acquirer = Executors
        .newSingleThreadExecutor(GrpcOpsThreads.named("request-log-connect"));

    private CompletableFuture<Connection> pending;

    TimeBoundDataSource(DataSource target, Duration connectTimeout) {
        super(target);
        this.connectTimeout = connectTimeout;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (this.pending == null) {
            try {
                this.pending = CompletableFuture.supplyAsync(this::connect, this.acquirer);
            }
            catch (RejectedExecutionException ex) {
                // Closed at shutdown while the writer still tries: as unreachable as a stopped database.
                throw new SQLTransientConnectionException("The request log's connections are closed",
                        CONNECTION_EXCEPTION, ex);
            }
        }
        try {
            Connection connection = this.pending.get(this.connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            this.pending = null;
            return connection;
        }
        catch (TimeoutException ex) {
            throw new SQLTransientConnectionException("No database connection within " + this.connectTimeout.toMillis()
                    + " ms (grpc.request-log.writer.connect-timeout)", CONNECTION_EXCEPTION);
        }
        catch (ExecutionException ex) {
            this.pending = null;
            Throwable cause = (ex.getCause() instanceof CompletionException completion) ? completion.getCause()
                    : ex.getCause();
            throw (cause instanceof SQLException sql) ? sql
                    : new SQLTransientConnectionException("Could not get a database connection", CONNECTION_EXCEPTION,
                            cause);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Interrupted while waiting for a database connection",
                    CONNECTION_EXCEPTION, ex);
        }
    }

    private Connection connect() {
        try {
            return obtainTargetDataSource().getConnection();
        }
        catch (SQLException ex) {
            throw new CompletionException(ex);
        }
    }

    /** Stops the helper thread; a connection still on its way is closed when it comes. */
    @Override
    public synchronized void close() {
        if (this.pending != null) {
            this.pending.thenAccept(TimeBoundDataSource::closeQuietly);
            this.pending = null;
        }
        this.acquirer.shutdown();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        }
        catch (SQLException ignored) {
            // back to the pool, or broken: either way nothing to keep
        }
    }
}
