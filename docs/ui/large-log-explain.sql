-- The web console's reads on a large request log (docs/ui.md, "The console's own cost"). On an empty
-- scratch PostgreSQL database, create the table and its indexes from grpc-ops' own script, then run this:
--   sed 's/@@prefix@@/grpc_/g' autoconfigure/src/main/resources/io/github/grpcops/jdbc/schema-requestlog-postgresql.sql | psql -d scratch
--   psql -d scratch -f docs/ui/large-log-explain.sql
\timing on
insert into grpc_request_log (id, request_id, service, method, full_method, call_type, status, grpc_status, duration_ms,
  messages_in, bytes_in, messages_out, bytes_out, client_ip, user_agent, peer, principal_id, principal_name, authenticated,
  auth_method, api_key_id, error_message, created_at, completed_at)
select gen_random_uuid(), md5(i::text), 'bench.v1.Service' || (i % 5), 'Method' || (i % 4),
  'bench.v1.Service' || (i % 5) || '/Method' || (i % 4), 'UNARY',
  case when i % 20 = 0 then 'error' else 'success' end, case when i % 20 = 0 then 'NOT_FOUND' else 'OK' end,
  (random() * 50)::double precision, 1, 20, 1, 40, '10.0.0.' || (i % 200), 'grpc-java-netty/1.63.0', '/10.0.0.1:5000',
  'user' || (i % 1000), 'User ' || (i % 1000), true, 'api-key', (i % 50)::text, null,
  now() - (i * interval '7 days' / 2000000), now() - (i * interval '7 days' / 2000000) + interval '5 ms'
from generate_series(1, 2000000) i;
analyze grpc_request_log;
select pg_size_pretty(pg_total_relation_size('grpc_request_log')), count(*) from grpc_request_log;

-- The console's statements (cost.txt), the bound range as now() - interval.
\set agg 'count(*), sum(case when status = ''success'' then 1 else 0 end), sum(case when status = ''error'' then 1 else 0 end), sum(case when status = ''cancelled'' then 1 else 0 end), sum(case when status = ''timeout'' then 1 else 0 end), avg(duration_ms), percentile_cont(0.5) within group (order by duration_ms), percentile_cont(0.95) within group (order by duration_ms), percentile_cont(0.99) within group (order by duration_ms), max(duration_ms)'
\echo === overview / summary, 24 h
explain (analyze, buffers, costs off) select :agg from grpc_request_log where created_at >= now() - interval '24 hours';
\echo === overview + services / by service, 24 h
explain (analyze, buffers, costs off) select service, max(created_at), :agg from grpc_request_log where created_at >= now() - interval '24 hours' group by service order by count(*) desc, service;
\echo === services / by method, 24 h
explain (analyze, buffers, costs off) select service, method, max(created_at), :agg from grpc_request_log where created_at >= now() - interval '24 hours' group by service, method order by count(*) desc, service, method;
\echo === timeline, 24 h per hour
explain (analyze, buffers, costs off) select date_trunc('hour', created_at at time zone 'UTC'), :agg from grpc_request_log where created_at >= now() - interval '24 hours' group by 1 order by 1;
\echo === timeline, 1 h per minute
explain (analyze, buffers, costs off) select date_trunc('minute', created_at at time zone 'UTC'), :agg from grpc_request_log where created_at >= now() - interval '1 hour' group by 1 order by 1;
\echo === requests page 0, 24 h, no filter
explain (analyze, buffers, costs off) select * from grpc_request_log where created_at >= now() - interval '24 hours' order by created_at desc, id desc offset 0 limit 25;
\echo === requests count (page full), 24 h
explain (analyze, buffers, costs off) select count(id) from grpc_request_log where created_at >= now() - interval '24 hours';
\echo === requests page 0, 24 h, status=error and service
explain (analyze, buffers, costs off) select * from grpc_request_log where service = 'bench.v1.Service1' and status = 'error' and created_at >= now() - interval '24 hours' order by created_at desc, id desc offset 0 limit 25;
