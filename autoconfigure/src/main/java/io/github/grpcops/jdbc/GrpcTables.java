package io.github.grpcops.jdbc;

import java.util.regex.Pattern;

/**
 * Names of the tables grpc-ops keeps under {@code grpc.jdbc.table-prefix}. Code and scripts name
 * them by their default name ({@code grpc_request_log}) or, in scripts, by the placeholder
 * {@value #PLACEHOLDER} ({@code @@prefix@@request_log}). The prefix ends up in SQL text, so only a
 * plain lower-case identifier is accepted.
 */
final class GrpcTables {

    public static final String DEFAULT_PREFIX = "grpc_";

    /** Stands for the prefix in the schema scripts, as {@code @@platform@@} stands for the platform in their names. */
    public static final String PLACEHOLDER = "@@prefix@@";

    static final String PROPERTY = "grpc.jdbc.table-prefix";

    /** Short enough that the longest index name stays within PostgreSQL's 63 characters. */
    private static final Pattern VALID_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private GrpcTables() {
    }

    /** Returns {@code prefix} if it is a valid table prefix, else fails with a message naming the property. */
    public static String checkPrefix(String prefix) {
        if (prefix == null || !VALID_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(PROPERTY + " must be a lower-case SQL identifier start matching "
                    + VALID_PREFIX.pattern() + " (for example 'grpc_' or 'ops_'), but was '" + prefix + "'");
        }
        return prefix;
    }

    /** {@code grpc_request_log} under {@code prefix}: {@code ops_request_log} for {@code ops_}. */
    public static String name(String defaultName, String prefix) {
        if (!defaultName.startsWith(DEFAULT_PREFIX)) {
            throw new IllegalArgumentException("Not a grpc-ops default name: " + defaultName);
        }
        return checkPrefix(prefix) + defaultName.substring(DEFAULT_PREFIX.length());
    }
}
