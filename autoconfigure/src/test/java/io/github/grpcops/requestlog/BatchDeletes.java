package io.github.grpcops.requestlog;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.DatabasePlatforms;
import io.github.grpcops.jdbc.GrpcJdbcProperties;

/** The batch delete on the request log's default table, for whichever database the test runs on. */
final class BatchDeletes {

    private BatchDeletes() {
    }

    static BatchDeleteRetention of(DataSource dataSource, int batchSize) {
        return new BatchDeleteRetention(dataSource, RequestLogInserter.TABLE, batchSize,
                DatabasePlatforms.isH2(dataSource, new GrpcJdbcProperties()));
    }
}
