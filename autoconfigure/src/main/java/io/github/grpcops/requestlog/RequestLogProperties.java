package io.github.grpcops.requestlog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.grpcops.diagnostics.GrpcOpsConfigurationException;
import io.github.grpcops.diagnostics.PropertyChecks;
import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.PipelineOrder;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The request log: one database row per gRPC call, {@code grpc.request-log.*}.
 */
@ConfigurationProperties("grpc.request-log")
public class RequestLogProperties extends InterceptorProperties {

    /** Whether to record only calls that did not succeed (errors, cancellations, timeouts). */
    private boolean errorsOnly;

    /** Fraction (0 to 1) of successful calls recorded; failed calls are always recorded. */
    private double successSampleRate = 1.0;

    /** Age after which rows are deleted by the scheduled purge; 0 keeps rows forever. */
    private Duration retention = Duration.ofDays(7);

    /** Most rows kept while the database lives in this JVM's memory (jdbc:h2:mem:...): the purge, every 10 seconds or purge.interval if shorter, deletes the oldest beyond it; 0 for no cap. */
    private int inMemoryMaxRows = 100_000;

    /** Row writing. */
    private final Writer writer = new Writer();

    /** Capture of request and response messages as JSON. */
    private final Payloads payloads = new Payloads();

    /** Deletion of rows older than the retention. */
    private final Purge purge = new Purge();

    /** Per-minute and per-hour figures of every call in the grpc_request_stats table, which the statistics read. */
    private final Rollups rollups = new Rollups();

    /** Layout of the request-log table on PostgreSQL: none (one table) or daily (a partition per day, dropped when expired). */
    private Partitioning partitioning = Partitioning.NONE;

    public RequestLogProperties() {
        super(PipelineOrder.REQUEST_LOG);
        // Probes and tooling, not traffic: a load balancer's health checks would drown the log.
        setExcludeMethods(new ArrayList<>(HEALTH_AND_REFLECTION));
    }

    public boolean isErrorsOnly() {
        return this.errorsOnly;
    }

    public void setErrorsOnly(boolean errorsOnly) {
        this.errorsOnly = errorsOnly;
    }

    public double getSuccessSampleRate() {
        return this.successSampleRate;
    }

    public void setSuccessSampleRate(double successSampleRate) {
        if (successSampleRate < 0 || successSampleRate > 1) {
            throw new GrpcOpsConfigurationException("grpc.request-log.success-sample-rate",
                    "grpc.request-log.success-sample-rate is " + successSampleRate + ", but must be between 0 and 1.",
                    "Set grpc.request-log.success-sample-rate to a fraction such as 0.1 (a tenth of the successful "
                            + "calls), or 1.0 to record them all.");
        }
        this.successSampleRate = successSampleRate;
    }

    public Duration getRetention() {
        return this.retention;
    }

    public void setRetention(Duration retention) {
        this.retention = PropertyChecks.notNegative("grpc.request-log.retention", retention);
    }

    public int getInMemoryMaxRows() {
        return this.inMemoryMaxRows;
    }

    public void setInMemoryMaxRows(int inMemoryMaxRows) {
        this.inMemoryMaxRows = PropertyChecks.atLeast("grpc.request-log.in-memory-max-rows", inMemoryMaxRows, 0);
    }

    public Writer getWriter() {
        return this.writer;
    }

    public Payloads getPayloads() {
        return this.payloads;
    }

    public Purge getPurge() {
        return this.purge;
    }

    public Rollups getRollups() {
        return this.rollups;
    }

    public Partitioning getPartitioning() {
        return this.partitioning;
    }

    public void setPartitioning(Partitioning partitioning) {
        this.partitioning = partitioning;
    }

    /** How rows reach the database. */
    public enum WriteMode {

        /** Queued by the call and inserted in batches by a writer thread. */
        ASYNC,

        /** Inserted on the call's thread, one statement per call: only a benchmark reference. */
        SYNCHRONOUS_BENCHMARK_REFERENCE
    }

    /** Row writing: {@code grpc.request-log.writer.*}. */
    public static class Writer {

        /** How rows reach the database; synchronous-benchmark-reference exists only for benchmarks. */
        private WriteMode mode = WriteMode.ASYNC;

        /** Rows buffered in memory while the database is slow or down; beyond it rows are dropped and counted. */
        private int queueCapacity = 10_000;

        /** Rows per batch insert. */
        private int batchSize = 500;

        /** Longest time a row waits for its batch to fill before the batch is written anyway (plus up to 50 ms: the writer looks at its queue every 50 ms). */
        private Duration flushInterval = Duration.ofMillis(500);

        /** Wait before retrying a batch the database could not take; doubled per failure. */
        private Duration retryInitialBackoff = Duration.ofMillis(200);

        /** Longest wait between retries. */
        private Duration retryMaxBackoff = Duration.ofSeconds(30);

        /** Longest time shutdown waits for an unreachable database before dropping the rows left. */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        /**
         * Longest wait for a database connection per attempt, whatever the pool's own timeout; an attempt that
         * waits longer counts as a failed batch and is retried after the backoff.
         */
        private Duration connectTimeout = Duration.ofSeconds(5);

        /**
         * Longest time one insert statement may run before the driver cancels it (the attempt then counts as a
         * failed batch); reads from a database that stopped answering give up one second after it.
         */
        private Duration statementTimeout = Duration.ofSeconds(10);

        public WriteMode getMode() {
            return this.mode;
        }

        public void setMode(WriteMode mode) {
            this.mode = mode;
        }

        public int getQueueCapacity() {
            return this.queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = PropertyChecks.atLeast("grpc.request-log.writer.queue-capacity", queueCapacity, 1);
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = PropertyChecks.atLeast("grpc.request-log.writer.batch-size", batchSize, 1);
        }

        public Duration getFlushInterval() {
            return this.flushInterval;
        }

        public void setFlushInterval(Duration flushInterval) {
            this.flushInterval = PropertyChecks.positive("grpc.request-log.writer.flush-interval", flushInterval);
        }

        public Duration getRetryInitialBackoff() {
            return this.retryInitialBackoff;
        }

        public void setRetryInitialBackoff(Duration retryInitialBackoff) {
            this.retryInitialBackoff = PropertyChecks.positive("grpc.request-log.writer.retry-initial-backoff",
                    retryInitialBackoff);
        }

        public Duration getRetryMaxBackoff() {
            return this.retryMaxBackoff;
        }

        public void setRetryMaxBackoff(Duration retryMaxBackoff) {
            this.retryMaxBackoff = PropertyChecks.positive("grpc.request-log.writer.retry-max-backoff",
                    retryMaxBackoff);
        }

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = PropertyChecks.notNegative("grpc.request-log.writer.shutdown-timeout",
                    shutdownTimeout);
        }

        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = PropertyChecks.positive("grpc.request-log.writer.connect-timeout", connectTimeout);
        }

        public Duration getStatementTimeout() {
            return this.statementTimeout;
        }

        public void setStatementTimeout(Duration statementTimeout) {
            this.statementTimeout = PropertyChecks.positive("grpc.request-log.writer.statement-timeout",
                    statementTimeout);
        }
    }

    /** Payload capture: {@code grpc.request-log.payloads.*}; off unless methods are listed. */
    public static class Payloads {

        /** Method patterns (package.Service/Method, package.Service/*) whose first request and response are captured. */
        private List<String> methods = new ArrayList<>();

        /** Field names (proto or JSON name, any case) whose values are replaced by "[REDACTED]", at any depth. */
        private List<String> redactedFields = new ArrayList<>(List.of("password", "secret", "token", "access_token",
                "refresh_token", "api_key", "apiKey", "authorization", "credentials", "private_key"));

        /** Largest captured JSON per message; longer JSON is cut and marked as truncated. */
        private DataSize maxSize = DataSize.ofKilobytes(4);

        public List<String> getMethods() {
            return this.methods;
        }

        public void setMethods(List<String> methods) {
            this.methods = methods;
        }

        public List<String> getRedactedFields() {
            return this.redactedFields;
        }

        public void setRedactedFields(List<String> redactedFields) {
            this.redactedFields = redactedFields;
        }

        public DataSize getMaxSize() {
            return this.maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = PropertyChecks.positive("grpc.request-log.payloads.max-size", maxSize);
        }
    }

    /** Deletion of old rows: {@code grpc.request-log.purge.*}. */
    public static class Purge {

        /** Time between purges, run by one of the instances sharing the database; the first one interval after start. */
        private Duration interval = Duration.ofHours(1);

        /** Rows deleted per statement, so a purge never locks the table for long. */
        private int batchSize = 5_000;

        /** Daily partitions kept ready after today when partitioning is daily. */
        private int partitionsAhead = 3;

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = PropertyChecks.positive("grpc.request-log.purge.interval", interval);
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = PropertyChecks.atLeast("grpc.request-log.purge.batch-size", batchSize, 1);
        }

        public int getPartitionsAhead() {
            return this.partitionsAhead;
        }

        public void setPartitionsAhead(int partitionsAhead) {
            this.partitionsAhead = PropertyChecks.atLeast("grpc.request-log.purge.partitions-ahead", partitionsAhead, 1);
        }
    }

    /** Layout of the request-log table. */
    public enum Partitioning {

        /** One table; expired rows are deleted in batches. */
        NONE,

        /** PostgreSQL only: range-partitioned by day (UTC) on created_at; expired days are dropped whole. */
        DAILY
    }

    /** The rollups: {@code grpc.request-log.rollups.*}. */
    public static class Rollups {

        /** Age after which hour rows are deleted by the purge; 0 keeps them forever. */
        private Duration retention = Duration.ofDays(90);

        /** Age after which minute rows are deleted by the purge (0 keeps them); windows reaching further back start at the whole hour. */
        private Duration minuteRetention = Duration.ofDays(7);

        /** Time between writes of the figures gathered in memory to the table. */
        private Duration flushInterval = Duration.ofSeconds(5);

        public Duration getRetention() {
            return this.retention;
        }

        public void setRetention(Duration retention) {
            this.retention = PropertyChecks.notNegative("grpc.request-log.rollups.retention", retention);
        }

        public Duration getMinuteRetention() {
            return this.minuteRetention;
        }

        public void setMinuteRetention(Duration minuteRetention) {
            this.minuteRetention = PropertyChecks.notNegative("grpc.request-log.rollups.minute-retention",
                    minuteRetention);
        }

        public Duration getFlushInterval() {
            return this.flushInterval;
        }

        public void setFlushInterval(Duration flushInterval) {
            this.flushInterval = PropertyChecks.positive("grpc.request-log.rollups.flush-interval", flushInterval);
        }
    }
}
