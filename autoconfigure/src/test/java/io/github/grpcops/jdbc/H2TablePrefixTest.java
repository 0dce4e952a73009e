package io.github.grpcops.jdbc;

/** {@code grpc.jdbc.table-prefix} on H2 (embedded: the scripts run by default). */
class H2TablePrefixTest extends TablePrefixTestBase {
}
