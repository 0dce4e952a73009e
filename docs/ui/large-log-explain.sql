-- The web console's statements on a large request log (docs/ui.md, "The console's own cost"): every
-- SELECT a page view sends, as ConsoleBrowserTest records them (sample-app/target/console/cost.txt),
-- written for PostgreSQL with the values of a view of the last 24 hours (the console's default range).
-- ConsolePlansAtScale (autoconfigure test sources) loads 10,000,000 calls of the last 24 hours and
-- their rollups into the tests' PostgreSQL, then runs each statement below under
-- EXPLAIN (ANALYZE, BUFFERS) and fails when a plan scans grpc_request_log sequentially:
--   mvn -B -o -q -pl client,autoconfigure -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
--       -Dmdep.outputFile=target/bench.cp
--   java -cp autoconfigure/target/classes:autoconfigure/target/test-classes:$(cat autoconfigure/target/bench.cp) \
--       io.github.grpcops.requestlog.ConsolePlansAtScale 10000000 docs/ui/large-log-explain.sql
-- Format: the comment line right before a statement names it; "-- set name = select ..." sets ${name}.
-- In flight, Invoke and Schema send no SQL; polling (In flight, every 2 s) sends none either.

-- A cursor in the middle of the window: the last row of the page before it, 12 hours deep.
-- set deep_at = select created_at::text from grpc_request_log where created_at <= now() - interval '12 hours' order by created_at desc, id desc limit 1
-- set deep_id = select id::text from grpc_request_log where created_at <= now() - interval '12 hours' order by created_at desc, id desc limit 1

-- overview, services (twice each), timeline of 24 h: the rollups of the window (minute rows to the first whole hour, hour rows after)
select resolution, bucket_start, service, method, status, grpc_status, calls, duration_sum_ms, duration_min_ms, duration_max_ms, messages_in, bytes_in, messages_out, bytes_out, last_call_at, latency_histogram from grpc_request_stats
 where ((resolution = 'minute' and bucket_start >= date_trunc('minute', now() - interval '24 hours') and bucket_start < date_trunc('hour', now() - interval '24 hours') + interval '1 hour')
     or (resolution = 'hour' and bucket_start >= date_trunc('hour', now() - interval '24 hours') + interval '1 hour'));

-- timeline of the last hour, per minute: the minute rollups
select resolution, bucket_start, service, method, status, grpc_status, calls, duration_sum_ms, duration_min_ms, duration_max_ms, messages_in, bytes_in, messages_out, bytes_out, last_call_at, latency_histogram from grpc_request_stats
 where resolution = 'minute' and bucket_start >= date_trunc('minute', now() - interval '1 hour');

-- overview: active API keys
select count(ak1_0.id) from grpc_api_key ak1_0 where ak1_0.active;

-- overview, servers: the server rows
select gss1_0.instance_id,gss1_0.address,gss1_0.error_message,gss1_0.health_enabled,gss1_0.host,gss1_0.last_heartbeat,gss1_0.pid,gss1_0.port,gss1_0.reflection_enabled,gss1_0.services,gss1_0.started_at,gss1_0.status,gss1_0.stopped_at,gss1_0.worker_pool_size from grpc_server_status gss1_0 order by gss1_0.started_at desc;

-- API keys: the keys
select ak1_0.id,ak1_0.active,ak1_0.created_at,ak1_0.created_by,ak1_0.description,ak1_0.expires_at,ak1_0.key_hash,ak1_0.last_used_at,ak1_0.name,ak1_0.owner,ak1_0.key_prefix,ak1_0.request_count,ak1_0.key_type,ak1_0.updated_at from grpc_api_key ak1_0 order by ak1_0.id desc;

-- requests, first page: 25 rows and one more (whether older calls follow)
select grl1_0.id,grl1_0.api_key_id,grl1_0.auth_method,grl1_0.authenticated,grl1_0.bytes_in,grl1_0.bytes_out,grl1_0.call_type,grl1_0.client_ip,grl1_0.completed_at,grl1_0.created_at,grl1_0.duration_ms,grl1_0.error_message,grl1_0.full_method,grl1_0.grpc_status,grl1_0.messages_in,grl1_0.messages_out,grl1_0.method,grl1_0.peer,grl1_0.principal_id,grl1_0.principal_name,grl1_0.request_id,grl1_0.request_payload,grl1_0.response_payload,grl1_0.service,grl1_0.span_id,grl1_0.status,grl1_0.trace_id,grl1_0.user_agent from grpc_request_log grl1_0
 where grl1_0.created_at>=now() - interval '24 hours' order by grl1_0.created_at desc,grl1_0.id desc offset 0 rows fetch first 26 rows only;

-- requests, total of the first page: counted up to 10,001
select count(*) from (select grl1_0.id from grpc_request_log grl1_0 where grl1_0.created_at>=now() - interval '24 hours' order by grl1_0.created_at desc fetch first 10001 rows only) derived1_0(id);

-- requests, filtered by service and status=error: first page
select grl1_0.id,grl1_0.api_key_id,grl1_0.auth_method,grl1_0.authenticated,grl1_0.bytes_in,grl1_0.bytes_out,grl1_0.call_type,grl1_0.client_ip,grl1_0.completed_at,grl1_0.created_at,grl1_0.duration_ms,grl1_0.error_message,grl1_0.full_method,grl1_0.grpc_status,grl1_0.messages_in,grl1_0.messages_out,grl1_0.method,grl1_0.peer,grl1_0.principal_id,grl1_0.principal_name,grl1_0.request_id,grl1_0.request_payload,grl1_0.response_payload,grl1_0.service,grl1_0.span_id,grl1_0.status,grl1_0.trace_id,grl1_0.user_agent from grpc_request_log grl1_0
 where grl1_0.service='bench.v1.Service1' and grl1_0.status='error' and grl1_0.created_at>=now() - interval '24 hours' order by grl1_0.created_at desc,grl1_0.id desc offset 0 rows fetch first 26 rows only;

-- requests, filtered by service and status=error: total
select count(*) from (select grl1_0.id from grpc_request_log grl1_0 where grl1_0.service='bench.v1.Service1' and grl1_0.status='error' and grl1_0.created_at>=now() - interval '24 hours' order by grl1_0.created_at desc fetch first 10001 rows only) derived1_0(id);

-- requests, filtered by service and method: first page
select grl1_0.id,grl1_0.api_key_id,grl1_0.auth_method,grl1_0.authenticated,grl1_0.bytes_in,grl1_0.bytes_out,grl1_0.call_type,grl1_0.client_ip,grl1_0.completed_at,grl1_0.created_at,grl1_0.duration_ms,grl1_0.error_message,grl1_0.full_method,grl1_0.grpc_status,grl1_0.messages_in,grl1_0.messages_out,grl1_0.method,grl1_0.peer,grl1_0.principal_id,grl1_0.principal_name,grl1_0.request_id,grl1_0.request_payload,grl1_0.response_payload,grl1_0.service,grl1_0.span_id,grl1_0.status,grl1_0.trace_id,grl1_0.user_agent from grpc_request_log grl1_0
 where grl1_0.service='bench.v1.Service2' and grl1_0.method='Method3' and grl1_0.created_at>=now() - interval '24 hours' order by grl1_0.created_at desc,grl1_0.id desc offset 0 rows fetch first 26 rows only;

-- requests, filtered by a principal without calls (no index: the worst filter): first page
select grl1_0.id,grl1_0.api_key_id,grl1_0.auth_method,grl1_0.authenticated,grl1_0.bytes_in,grl1_0.bytes_out,grl1_0.call_type,grl1_0.client_ip,grl1_0.completed_at,grl1_0.created_at,grl1_0.duration_ms,grl1_0.error_message,grl1_0.full_method,grl1_0.grpc_status,grl1_0.messages_in,grl1_0.messages_out,grl1_0.method,grl1_0.peer,grl1_0.principal_id,grl1_0.principal_name,grl1_0.request_id,grl1_0.request_payload,grl1_0.response_payload,grl1_0.service,grl1_0.span_id,grl1_0.status,grl1_0.trace_id,grl1_0.user_agent from grpc_request_log grl1_0
 where (grl1_0.principal_id='nobody' or grl1_0.principal_name='nobody') and grl1_0.created_at>=now() - interval '24 hours' order by grl1_0.created_at desc,grl1_0.id desc offset 0 rows fetch first 26 rows only;

-- requests, a deep page by cursor (before=, 12 hours into the window)
select grl1_0.id,grl1_0.api_key_id,grl1_0.auth_method,grl1_0.authenticated,grl1_0.bytes_in,grl1_0.bytes_out,grl1_0.call_type,grl1_0.client_ip,grl1_0.completed_at,grl1_0.created_at,grl1_0.duration_ms,grl1_0.error_message,grl1_0.full_method,grl1_0.grpc_status,grl1_0.messages_in,grl1_0.messages_out,grl1_0.method,grl1_0.peer,grl1_0.principal_id,grl1_0.principal_name,grl1_0.request_id,grl1_0.request_payload,grl1_0.response_payload,grl1_0.service,grl1_0.span_id,grl1_0.status,grl1_0.trace_id,grl1_0.user_agent from grpc_request_log grl1_0
 where grl1_0.created_at>=now() - interval '24 hours' and grl1_0.created_at<='${deep_at}' and (grl1_0.created_at<'${deep_at}' or grl1_0.id<'${deep_id}') order by grl1_0.created_at desc,grl1_0.id desc offset 0 rows fetch first 26 rows only;

-- requests, the newer page from there (after=, read oldest first)
select grl1_0.id,grl1_0.api_key_id,grl1_0.auth_method,grl1_0.authenticated,grl1_0.bytes_in,grl1_0.bytes_out,grl1_0.call_type,grl1_0.client_ip,grl1_0.completed_at,grl1_0.created_at,grl1_0.duration_ms,grl1_0.error_message,grl1_0.full_method,grl1_0.grpc_status,grl1_0.messages_in,grl1_0.messages_out,grl1_0.method,grl1_0.peer,grl1_0.principal_id,grl1_0.principal_name,grl1_0.request_id,grl1_0.request_payload,grl1_0.response_payload,grl1_0.service,grl1_0.span_id,grl1_0.status,grl1_0.trace_id,grl1_0.user_agent from grpc_request_log grl1_0
 where grl1_0.created_at>=now() - interval '24 hours' and grl1_0.created_at>='${deep_at}' and (grl1_0.created_at>'${deep_at}' or grl1_0.id>'${deep_id}') order by grl1_0.created_at,grl1_0.id offset 0 rows fetch first 26 rows only;

-- requests, the deepest page an offset reaches (page 399 of 25: 9,975 rows skipped)
select grl1_0.id,grl1_0.api_key_id,grl1_0.auth_method,grl1_0.authenticated,grl1_0.bytes_in,grl1_0.bytes_out,grl1_0.call_type,grl1_0.client_ip,grl1_0.completed_at,grl1_0.created_at,grl1_0.duration_ms,grl1_0.error_message,grl1_0.full_method,grl1_0.grpc_status,grl1_0.messages_in,grl1_0.messages_out,grl1_0.method,grl1_0.peer,grl1_0.principal_id,grl1_0.principal_name,grl1_0.request_id,grl1_0.request_payload,grl1_0.response_payload,grl1_0.service,grl1_0.span_id,grl1_0.status,grl1_0.trace_id,grl1_0.user_agent from grpc_request_log grl1_0
 where grl1_0.created_at>=now() - interval '24 hours' order by grl1_0.created_at desc,grl1_0.id desc offset 9975 rows fetch first 26 rows only;
