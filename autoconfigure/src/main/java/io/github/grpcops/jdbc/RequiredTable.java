package io.github.grpcops.jdbc;

/**
 * A table a switched-on grpc-ops feature cannot work without: each feature's auto-configuration declares
 * its own as a bean, and {@link GrpcTablesCheck} makes sure it exists before the server starts.
 *
 * @param defaultName the table's name before {@code grpc.jdbc.table-prefix}, e.g. {@code grpc_request_log}
 * @param feature what needs it, as a user knows it, e.g. {@code the request log}
 * @param script the capability part of its scripts' names: {@code schema-<script>-<platform>.sql}
 * @param switchOff the setting that switches the feature off, e.g. {@code grpc.request-log.enabled=false}
 */
public record RequiredTable(String defaultName, String feature, String script, String switchOff) {
}
