-- grpc-ops scheduled jobs (H2): one row per job that must run once per interval across all
-- instances (retention purges, partition upkeep); an instance runs a job only after taking its row.
create table if not exists @@prefix@@job_lock (
    name         varchar(64)  not null primary key,
    locked_until timestamp(6) with time zone not null,
    locked_at    timestamp(6) with time zone not null,
    locked_by    varchar(255) not null
);
