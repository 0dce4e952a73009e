package io.github.grpcops.jdbc;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hibernate.boot.model.naming.Identifier;

/**
 * The tables and explicitly named indexes that grpc-ops' own JPA entities declare (by their default
 * names), and their names under the configured prefix. Only these names are ever rewritten, so the
 * application's entities keep the names its own naming strategy gives them.
 */
final class EntityTableNames {

    /** Default names from the {@code @Table} annotations of grpc-ops' entities. */
    static final Set<String> TABLES = Set.of("grpc_request_log", "grpc_server_status", "grpc_api_key");

    /** Default names from the {@code @Table} and {@code @Index} annotations of grpc-ops' entities. */
    static final Set<String> DEFAULT_NAMES = Stream.concat(TABLES.stream(),
            Stream.of("grpc_request_log_created_idx", "grpc_request_log_method_idx", "grpc_request_log_status_idx",
                    "grpc_request_log_request_id_idx", "grpc_request_log_trace_id_idx",
                    "grpc_request_log_principal_id_idx", "grpc_request_log_principal_name_idx",
                    "grpc_server_status_heartbeat_idx"))
        .collect(Collectors.toUnmodifiableSet());

    private final String prefix;

    EntityTableNames(String prefix) {
        this.prefix = GrpcTables.checkPrefix(prefix);
    }

    /** {@code name} under the prefix if it is one of grpc-ops' entity names, else {@code null}. */
    Identifier prefixed(Identifier name) {
        if (name == null || !DEFAULT_NAMES.contains(name.getText())) {
            return null;
        }
        return Identifier.toIdentifier(GrpcTables.name(name.getText(), this.prefix), name.isQuoted());
    }
}
