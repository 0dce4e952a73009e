-- grpc-ops request statistics (H2): the request log's rollups, one row per minute or hour,
-- service, method, status and gRPC code. Instances add to rows (never overwrite), in key order.
create table if not exists @@prefix@@request_stats (
    resolution        varchar(8)       not null,
    bucket_start      timestamp(6) with time zone not null,
    service           varchar(255)     not null,
    method            varchar(255)     not null,
    status            varchar(16)      not null,
    grpc_status       varchar(32)      not null,
    calls             bigint           not null,
    duration_sum_ms   double precision not null,
    duration_min_ms   double precision not null,
    duration_max_ms   double precision not null,
    messages_in       bigint           not null,
    bytes_in          bigint           not null,
    messages_out      bigint           not null,
    bytes_out         bigint           not null,
    last_call_at      timestamp(6) with time zone not null,
    latency_histogram varbinary        not null,
    primary key (resolution, bucket_start, service, method, status, grpc_status)
);
