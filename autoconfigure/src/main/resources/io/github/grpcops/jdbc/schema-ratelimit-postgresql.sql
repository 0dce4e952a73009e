-- Rate-limit buckets shared by every instance (grpc.rate-limit.store=jdbc): Bucket4j's PostgreSQL layout.
-- A row expires once its bucket has refilled completely; expired rows are deleted in batches.
create table if not exists @@prefix@@rate_limit_bucket (
    id         varchar(512) primary key,
    state      bytea,
    expires_at bigint
);
create index if not exists @@prefix@@rate_limit_bucket_expires_at on @@prefix@@rate_limit_bucket (expires_at);
