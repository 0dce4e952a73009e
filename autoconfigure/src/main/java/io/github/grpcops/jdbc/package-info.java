/**
 * grpc-ops' tables: schema scripts per platform, {@code grpc.jdbc.initialize-schema} and
 * {@code grpc.jdbc.table-prefix}. API: {@link io.github.grpcops.jdbc.GrpcJdbcProperties},
 * {@link io.github.grpcops.jdbc.GrpcOpsSchemaInitializer} (a bean of your own replaces it),
 * {@link io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration} and
 * {@link io.github.grpcops.jdbc.ConnectionFailures} (whether a failure means the database was unreachable). Internal: the prefix check and the Hibernate
 * naming strategies that apply the prefix to grpc-ops' entities only.
 */
package io.github.grpcops.jdbc;
