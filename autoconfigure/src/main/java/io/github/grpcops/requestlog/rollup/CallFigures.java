package io.github.grpcops.requestlog.rollup;

import java.time.Instant;

/**
 * What the rollups keep of one call: where it belongs (service, method, status, gRPC code, the
 * minute it started) and its figures. Names are taken as given, fitted to the table's columns by
 * whoever makes the figures (the request log fits them as its rows' columns); a missing name counts
 * as {@code unknown}.
 *
 * @param service {@code package.Service}
 * @param method {@code Method}
 * @param status {@code success}, {@code error}, {@code cancelled} or {@code timeout}
 * @param grpcStatus the status code name the client received
 * @param durationMs from start to end
 * @param messagesIn request messages received
 * @param bytesIn serialized size of the request messages
 * @param messagesOut response messages sent
 * @param bytesOut serialized size of the response messages
 * @param createdAt when the call started
 */
public record CallFigures(String service, String method, String status, String grpcStatus, double durationMs,
        long messagesIn, long bytesIn, long messagesOut, long bytesOut, Instant createdAt) {
}
