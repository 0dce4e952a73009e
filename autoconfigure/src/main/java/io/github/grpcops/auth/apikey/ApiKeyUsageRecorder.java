package io.github.grpcops.auth.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.grpcops.lifecycle.BackgroundWork;
import io.github.grpcops.lifecycle.LifecyclePhases;
import io.github.grpcops.logging.DatabaseFailureText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts API key use in memory and writes it in one background batch every
 * {@code grpc.auth.api-key.usage-flush-interval}: a call never waits for, or fails because of, the
 * database. A failed flush keeps the counts for the next one; what is left at shutdown is flushed then
 * (phase {@link LifecyclePhases#API_KEY_USAGE}, after the server's last call). Memory is bounded by the
 * number of keys in use.
 */
public class ApiKeyUsageRecorder extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyUsageRecorder.class);

    private final ApiKeyRepository repository;

    private final TransactionTemplate transactions;

    private final Map<Long, Usage> pending = new ConcurrentHashMap<>();

    private final AtomicLong failedFlushes = new AtomicLong();

    private final Duration interval;

    public ApiKeyUsageRecorder(ApiKeyRepository repository, TransactionTemplate transactions, Duration interval) {
        super("api-key-usage", LifecyclePhases.API_KEY_USAGE);
        this.repository = repository;
        this.transactions = transactions;
        this.interval = interval;
    }

    @Override
    protected void onStart() {
        repeat(this::flush, this.interval, this.interval);
    }

    @Override
    protected void onStop() {
        flush();
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

    private record Usage(long count, Instant lastUsed) {

        Usage plus(Usage other) {
            return new Usage(this.count + other.count,
                    this.lastUsed.isAfter(other.lastUsed) ? this.lastUsed : other.lastUsed);
        }
    }
}
