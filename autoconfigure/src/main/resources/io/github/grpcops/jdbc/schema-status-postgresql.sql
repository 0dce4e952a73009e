-- grpc-ops server status (PostgreSQL): one row per gRPC server instance, kept fresh by its heartbeats.
create table if not exists @@prefix@@server_status (
    instance_id        varchar(255) not null primary key,
    address            varchar(255) not null,
    host               varchar(255) not null,
    port               integer      not null,
    pid                bigint       not null,
    status             varchar(16)  not null,
    started_at         timestamp(6) with time zone not null,
    last_heartbeat     timestamp(6) with time zone not null,
    stopped_at         timestamp(6) with time zone,
    worker_pool_size   integer,
    reflection_enabled boolean      not null,
    health_enabled     boolean      not null,
    services           text,
    error_message      varchar(1000)
);
create index if not exists @@prefix@@server_status_heartbeat_idx on @@prefix@@server_status (last_heartbeat);
