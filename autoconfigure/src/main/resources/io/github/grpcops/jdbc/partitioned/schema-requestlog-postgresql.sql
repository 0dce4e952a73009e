-- grpc-ops request log (PostgreSQL), partitioned (grpc.request-log.partitioning=daily): one row per
-- gRPC call, range-partitioned by UTC day on created_at. grpc-ops creates the daily partitions
-- (@@prefix@@request_log_pYYYYMMDD) ahead of time and drops expired ones whole. The primary key must
-- hold the partition key, so it is (id, created_at); ids are still unique (random UUIDv7). The check
-- constraints carry the names PostgreSQL gives those of the plain table, so a plain table can be
-- attached as a partition (docs/request-log.md, "Moving an existing table to partitions").
create table if not exists @@prefix@@request_log (
    id               uuid             not null,
    request_id       varchar(128)     not null,
    service          varchar(255)     not null,
    method           varchar(255)     not null,
    full_method      varchar(512)     not null,
    call_type        varchar(32)      not null,
    status           varchar(16)      not null,
    grpc_status      varchar(32)      not null,
    duration_ms      double precision not null
                     constraint @@prefix@@request_log_duration_ms_check check (duration_ms >= 0),
    messages_in      bigint           not null
                     constraint @@prefix@@request_log_messages_in_check check (messages_in >= 0),
    bytes_in         bigint           not null
                     constraint @@prefix@@request_log_bytes_in_check check (bytes_in >= 0),
    messages_out     bigint           not null
                     constraint @@prefix@@request_log_messages_out_check check (messages_out >= 0),
    bytes_out        bigint           not null
                     constraint @@prefix@@request_log_bytes_out_check check (bytes_out >= 0),
    client_ip        varchar(64),
    user_agent       varchar(512),
    peer             varchar(255),
    principal_id     varchar(255),
    principal_name   varchar(255),
    authenticated    boolean          not null,
    auth_method      varchar(32),
    api_key_id       varchar(64),
    error_message    varchar(1000),
    request_payload  text,
    response_payload text,
    created_at       timestamp(6) with time zone not null,
    completed_at     timestamp(6) with time zone not null,
    trace_id         varchar(32),
    span_id          varchar(16),
    primary key (id, created_at)
) partition by range (created_at);
create index if not exists @@prefix@@request_log_created_idx on @@prefix@@request_log (created_at desc);
create index if not exists @@prefix@@request_log_method_idx on @@prefix@@request_log (service, method, created_at);
create index if not exists @@prefix@@request_log_status_idx on @@prefix@@request_log (status, created_at);
create index if not exists @@prefix@@request_log_request_id_idx on @@prefix@@request_log (request_id);
create index if not exists @@prefix@@request_log_trace_id_idx on @@prefix@@request_log (trace_id) where trace_id is not null;
-- The principal filter of /requests (principal_id = ? or principal_name = ?) reads these two, newest first;
-- anonymous calls (no principal) take no entries.
create index if not exists @@prefix@@request_log_principal_id_idx on @@prefix@@request_log (principal_id, created_at)
    where principal_id is not null;
create index if not exists @@prefix@@request_log_principal_name_idx on @@prefix@@request_log (principal_name, created_at)
    where principal_name is not null;
