package io.github.grpcops.test;

import java.nio.charset.StandardCharsets;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the {@code google.rpc} details a client received with an error. */
public final class ErrorDetails {

    private ErrorDetails() {
    }

    public static ErrorInfo errorInfo(StatusRuntimeException ex) {
        return detail(ex, ErrorInfo.class);
    }

    /** Asserts the ErrorInfo every grpc-ops error carries: its reason, the domain and the call's request id. */
    public static ErrorInfo assertErrorInfo(StatusRuntimeException ex, String reason, String domain, String requestId) {
        ErrorInfo info = errorInfo(ex);
        assertThat(info.getReason()).isEqualTo(reason);
        assertThat(info.getDomain()).isEqualTo(domain);
        assertThat(info.getMetadataMap()).containsEntry("requestId", requestId);
        return info;
    }

    public static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException ex, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(ex);
        assertThat(status).as("grpc-status-details-bin").isNotNull();
        assertThat(status.getCode()).isEqualTo(ex.getStatus().getCode().value());
        for (Any any : status.getDetailsList()) {
            if (any.is(type)) {
                try {
                    return any.unpack(type);
                }
                catch (InvalidProtocolBufferException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + status);
    }

    /** Status, description, every trailer and every detail, as one string to scan for leaks. */
    public static String everythingTheClientGot(StatusRuntimeException ex) {
        StringBuilder all = new StringBuilder(ex.getStatus().toString());
        Metadata trailers = ex.getTrailers();
        for (String key : trailers.keys()) {
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                trailers.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))
                    .forEach(b -> all.append(new String(b, StandardCharsets.ISO_8859_1)));
            }
            else {
                trailers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)).forEach(all::append);
            }
        }
        return all.append(StatusProto.fromThrowable(ex)).toString();
    }
}
