package io.github.grpcops.auth.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.grpcops.logging.DatabaseFailureText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts API key use in memory and writes it in one background batch every
 * {@code grpc.auth.api-key.usage-flush-interval}: a call never waits for, or fails because of, the
 * database. A failed flush keeps the counts for the next one; what is left at shutdown is flushed then.
 * Memory is bounded by the number of keys in use.
 */
public class ApiKeyUsageRecorder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyUsageRecorder.class);

    private final ApiKeyRepository repository;

    private final TransactionTemplate transactions;

    private final Map<Long, Usage> pending = new ConcurrentHashMap<>();

    private final AtomicLong failedFlushes = new AtomicLong();

    private final ScheduledExecutorService scheduler;

    public ApiKeyUsageRecorder(ApiKeyRepository repository, TransactionTemplate transactions, Duration interval) {
        this.repository = repository;
        this.transactions = transactions;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "grpc-ops-api-key-usage");
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler.scheduleWithFixedDelay(this::flush, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Counts one use; never blocks on I/O. */
    public void record(long keyId, Instant when) {
        this.pending.merge(keyId, new Usage(1, when), Usage::plus);
    }

    /** Writes the counts gathered so far, one update per key, in one transaction. */
    public synchronized void flush() {
        Map<Long, Usage> batch = new HashMap<>();
        for (Long id : this.pending.keySet()) {
            Usage usage = this.pending.remove(id);
            if (usage != null) {
                batch.put(id, usage);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            this.transactions.executeWithoutResult(tx -> batch
                .forEach((id, usage) -> this.repository.addUsage(id, usage.count(), usage.lastUsed())));
        }
        catch (RuntimeException ex) {
            batch.forEach((id, usage) -> this.pending.merge(id, usage, Usage::plus));
            log.warn("Could not write API key usage for {} keys (attempt {}); kept for the next flush: {}",
                    batch.size(), this.failedFlushes.incrementAndGet(), DatabaseFailureText.describe(ex));
        }
    }

    /** Uses counted and not yet written. */
    public long pendingUses() {
        return this.pending.values().stream().mapToLong(Usage::count).sum();
    }

    @Override
    public void destroy() {
        this.scheduler.shutdownNow();
        flush();
    }

    private record Usage(long count, Instant lastUsed) {

        Usage plus(Usage other) {
            return new Usage(this.count + other.count,
                    this.lastUsed.isAfter(other.lastUsed) ? this.lastUsed : other.lastUsed);
        }
    }
}
