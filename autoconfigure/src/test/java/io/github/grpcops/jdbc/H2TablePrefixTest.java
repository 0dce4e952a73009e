package io.github.grpcops.jdbc;

import java.util.Set;

/**
 * {@code grpc.jdbc.table-prefix} on H2 (embedded: the scripts run by default; held in memory, so the
 * request log is the capped one with its single index).
 */
class H2TablePrefixTest extends TablePrefixTestBase {

    @Override
    Set<String> requestLogIndexes() {
        return Set.of("ops_request_log_created_idx");
    }
}
