/**
 * grpc-ops' tables: schema scripts per platform, {@code grpc.jdbc.initialize-schema} and
 * {@code grpc.jdbc.table-prefix}. API: {@link io.github.grpcops.jdbc.GrpcJdbcProperties},
 * {@link io.github.grpcops.jdbc.GrpcOpsSchemaInitializer} (a bean of your own replaces it),
 * {@link io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration},
 * {@link io.github.grpcops.jdbc.ConnectionFailures} (whether a failure means the database was unreachable),
 * and for the capabilities that own tables {@link io.github.grpcops.jdbc.RequiredTable} (a table checked
 * at start-up) and {@link io.github.grpcops.jdbc.DatabaseDescription} (which database, held in memory or
 * not). Internal: the start-up check that the required tables exist, the prefix check and the Hibernate
 * naming strategies that apply the prefix to grpc-ops' entities only, and the schema filter that keeps
 * Hibernate's {@code ddl-auto} off the tables grpc-ops' scripts created.
 */
package io.github.grpcops.jdbc;
