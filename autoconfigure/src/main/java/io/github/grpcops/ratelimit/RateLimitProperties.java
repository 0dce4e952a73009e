package io.github.grpcops.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.grpcops.diagnostics.PropertyChecks;
import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.PipelineOrder;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token-bucket rate limiting of calls: {@code grpc.rate-limit.*}. Off unless
 * {@code grpc.rate-limit.enabled=true}.
 */
@ConfigurationProperties("grpc.rate-limit")
public class RateLimitProperties extends InterceptorProperties {

    /** Who a bucket belongs to: principal (else API key, else client IP), api-key (else client IP) or client-ip. */
    private KeyBy keyBy = KeyBy.PRINCIPAL;

    /** Limit of every method no entry of limits matches; none when unset. */
    private Limit defaultLimit;

    /** Limits by method pattern, the first matching entry winning; each entry has its own bucket per caller. */
    private List<MethodLimit> limits = new ArrayList<>();

    /** Where buckets live: memory (this instance) or jdbc (a PostgreSQL table shared by every instance). */
    private Store store = Store.MEMORY;

    /** What to do with a call when the shared store cannot be reached: open lets it through, closed rejects it. */
    private FailureMode failureMode = FailureMode.OPEN;

    /** In-memory store. */
    private final Memory memory = new Memory();

    /** Shared JDBC store. */
    private final Jdbc jdbc = new Jdbc();

    public RateLimitProperties() {
        super(PipelineOrder.RATE_LIMIT);
        // A limit only makes sense once chosen: off until grpc.rate-limit.enabled=true.
        setEnabled(false);
        // Limited probes fail health checks, and limited reflection breaks tools (buf curl: "failed to find service").
        setExcludeMethods(new ArrayList<>(HEALTH_AND_REFLECTION));
    }

    public KeyBy getKeyBy() {
        return this.keyBy;
    }

    public void setKeyBy(KeyBy keyBy) {
        this.keyBy = keyBy;
    }

    public Limit getDefaultLimit() {
        return this.defaultLimit;
    }

    public void setDefaultLimit(Limit defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    public List<MethodLimit> getLimits() {
        return this.limits;
    }

    public void setLimits(List<MethodLimit> limits) {
        this.limits = limits;
    }

    public Store getStore() {
        return this.store;
    }

    public void setStore(Store store) {
        this.store = store;
    }

    public FailureMode getFailureMode() {
        return this.failureMode;
    }

    public void setFailureMode(FailureMode failureMode) {
        this.failureMode = failureMode;
    }

    public Memory getMemory() {
        return this.memory;
    }

    public Jdbc getJdbc() {
        return this.jdbc;
    }

    /** Who a bucket belongs to. */
    public enum KeyBy {
        /** The authenticated principal, else the API key, else the client IP. */
        PRINCIPAL,
        /** The API key the call authenticated with, else the client IP. */
        API_KEY,
        /** The client IP as the transport sees it. */
        CLIENT_IP
    }

    /** Where buckets live. */
    public enum Store {
        MEMORY, JDBC
    }

    /** What happens to calls while the shared store is unreachable. */
    public enum FailureMode {
        OPEN, CLOSED
    }

    /** A token bucket: {@code capacity} calls, refilled evenly over {@code period}. */
    public static class Limit {

        /** Calls allowed per period, and the most a caller may burst after being idle. */
        private long capacity;

        /** Time over which capacity tokens are refilled, evenly. */
        private Duration period = Duration.ofSeconds(1);

        public long getCapacity() {
            return this.capacity;
        }

        public void setCapacity(long capacity) {
            this.capacity = capacity;
        }

        public Duration getPeriod() {
            return this.period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }
    }

    /** A limit for the methods matching a pattern. */
    public static class MethodLimit extends Limit {

        /** Method pattern (package.Service/Method, package.Service/*) this limit applies to. */
        private String method;

        public String getMethod() {
            return this.method;
        }

        public void setMethod(String method) {
            this.method = method;
        }
    }

    /** The in-memory store. */
    public static class Memory {

        /** Most buckets kept; beyond it the least used are dropped, so memory stays bounded whatever the number of callers. */
        private int maxKeys = 100_000;

        public int getMaxKeys() {
            return this.maxKeys;
        }

        public void setMaxKeys(int maxKeys) {
            this.maxKeys = PropertyChecks.atLeast("grpc.rate-limit.memory.max-keys", maxKeys, 1);
        }
    }

    /** The shared JDBC (PostgreSQL) store. */
    public static class Jdbc {

        /** How often rows of buckets that have refilled completely (and so carry no state) are deleted, by one instance of the fleet. */
        private Duration cleanupInterval = Duration.ofMinutes(1);

        public Duration getCleanupInterval() {
            return this.cleanupInterval;
        }

        public void setCleanupInterval(Duration cleanupInterval) {
            this.cleanupInterval = PropertyChecks.positive("grpc.rate-limit.jdbc.cleanup-interval", cleanupInterval);
        }
    }
}
