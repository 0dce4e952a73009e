-- grpc-ops request log (H2 held in memory, capped by grpc.request-log.in-memory-max-rows): the columns of
-- schema-requestlog-h2.sql with one index instead of seven. Every index costs every insert (each one
-- about as much as the row itself), while the cap keeps the table small enough for the rare filtered
-- read (service, status, principal, request or trace id) to scan it in a few milliseconds; created_at stays
-- indexed for what runs all the time: the cap's purge (which finds its cut-off newest-first) and the newest-first page.
create table if not exists @@prefix@@request_log (
    id               uuid             not null primary key,
    request_id       varchar(128)     not null,
    service          varchar(255)     not null,
    method           varchar(255)     not null,
    full_method      varchar(512)     not null,
    call_type        varchar(32)      not null,
    status           varchar(16)      not null,
    grpc_status      varchar(32)      not null,
    duration_ms      double precision not null check (duration_ms >= 0),
    messages_in      bigint           not null check (messages_in >= 0),
    bytes_in         bigint           not null check (bytes_in >= 0),
    messages_out     bigint           not null check (messages_out >= 0),
    bytes_out        bigint           not null check (bytes_out >= 0),
    client_ip        varchar(64),
    user_agent       varchar(512),
    peer             varchar(255),
    principal_id     varchar(255),
    principal_name   varchar(255),
    authenticated    boolean          not null,
    auth_method      varchar(32),
    api_key_id       varchar(64),
    error_message    varchar(1000),
    request_payload  character large object,
    response_payload character large object,
    created_at       timestamp(6) with time zone not null,
    completed_at     timestamp(6) with time zone not null,
    trace_id         varchar(32),
    span_id          varchar(16)
);
create index if not exists @@prefix@@request_log_created_idx on @@prefix@@request_log (created_at desc);
