package io.github.grpcops.jdbc;

/**
 * A capability's alternative tables: {@code io/github/grpcops/jdbc/<variant>/schema-<capability>-<platform>.sql}
 * runs instead of {@code schema-<capability>-<platform>.sql} (a bean of this type switches it).
 *
 * @param capability the script's capability, {@code requestlog}
 * @param variant the folder of the alternative script, {@code partitioned}
 * @param setting what asks for it, named when the platform has no such script
 *     ({@code grpc.request-log.partitioning=daily})
 */
public record GrpcSchemaVariant(String capability, String variant, String setting) {
}
