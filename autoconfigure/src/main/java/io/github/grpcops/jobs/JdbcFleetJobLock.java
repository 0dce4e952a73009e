package io.github.grpcops.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job leases in {@code grpc_job_lock} (ShedLock's scheme, in grpc-ops' own table): an instance
 * takes a job by moving its row's {@code locked_until} from the past to "now + max run time" in one
 * short transaction, runs it, then sets {@code locked_until} to the start plus the interval, so no
 * instance starts it again before the interval has passed. On PostgreSQL the transaction first takes
 * {@code pg_try_advisory_xact_lock} on the job, so a second instance asking at the same moment skips
 * at once instead of waiting for the first one's row lock. Times are the instances' clocks: keep
 * them in sync (NTP), as the heartbeats already require.
 */
class JdbcFleetJobLock implements FleetJobLock {

    /** Default name; {@code grpc.jdbc.table-prefix} changes its prefix. */
    public static final String TABLE = "grpc_job_lock";

    private static final OffsetDateTime LONG_AGO = Instant.EPOCH.atOffset(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final String table;

    private final String owner;

    private final boolean postgres;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * @param table the job table's name under the configured prefix
     * @param owner this instance, as the row records who runs the job
     * @param postgres whether to guard leases with PostgreSQL advisory locks
     */
    public JdbcFleetJobLock(DataSource dataSource, String table, String owner, boolean postgres) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.table = table;
        this.owner = owner;
        this.postgres = postgres;
    }

    @Override
    public boolean runIfDue(String name, Duration interval, Duration maxRunTime, Runnable job) {
        ensureRow(name);
        // As the column keeps it, so the release finds the row by it.
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Boolean taken = this.transactions.execute(status -> lease(name, start, longest(interval, maxRunTime)));
        if (!Boolean.TRUE.equals(taken)) {
            return false;
        }
        try {
            job.run();
        }
        finally {
            Instant free = start.plus(interval);
            Instant now = Instant.now();
            this.jdbc.update("update " + this.table + " set locked_until = ? where name = ? and locked_by = ? "
                    + "and locked_at = ?", utc(free.isAfter(now) ? free : now), name, this.owner, utc(start));
        }
        return true;
    }

    private boolean lease(String name, Instant start, Duration hold) {
        if (this.postgres && !Boolean.TRUE.equals(this.jdbc.queryForObject("select pg_try_advisory_xact_lock(?)",
                Boolean.class, advisoryKey(name)))) {
            return false;
        }
        return this.jdbc.update("update " + this.table + " set locked_until = ?, locked_at = ?, locked_by = ? "
                + "where name = ? and locked_until <= ?", utc(start.plus(hold)), utc(start),
                this.owner, name,
                utc(start)) == 1;
    }

    /** The job's row, created the first time any instance asks for it. */
    private void ensureRow(String name) {
        if (this.known.contains(name)) {
            return;
        }
        Integer rows = this.jdbc.queryForObject("select count(*) from " + this.table + " where name = ?",
                Integer.class, name);
        try {
            if (rows == null || rows == 0) {
                this.jdbc.update("insert into " + this.table + " (name, locked_until, locked_at, locked_by) "
                        + "values (?, ?, ?, '')", name, LONG_AGO, LONG_AGO);
            }
        }
        catch (DataIntegrityViolationException ex) {
            // another instance created it at the same moment
        }
        this.known.add(name);
    }

    /** A 64-bit key for {@code pg_try_advisory_xact_lock}, distinct per table (prefix) and job. */
    long advisoryKey(String name) {
        return UUID.nameUUIDFromBytes((this.table + "/" + name).getBytes(StandardCharsets.UTF_8))
            .getMostSignificantBits();
    }

    /** A run holds the job at least for the interval, so a dead instance's job waits no less than a live one's. */
    static Duration longest(Duration interval, Duration maxRunTime) {
        return (maxRunTime.compareTo(interval) >= 0) ? maxRunTime : interval;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
