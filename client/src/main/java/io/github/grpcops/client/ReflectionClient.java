package io.github.grpcops.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1alpha.ErrorResponse;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.reflection.v1alpha.ServiceResponse;

/**
 * Asks a server's reflection service one question at a time: v1 first, v1alpha when the server does
 * not implement v1 (grpc-java before 1.66, most servers in the field), remembering which one works.
 */
class ReflectionClient {

    private static final long TIMEOUT_SECONDS = 20;

    /**
     * {@code grpc.reflection.v1.ServerReflection/ServerReflectionInfo}: grpc-java 1.63 ships only
     * v1alpha, whose messages are identical on the wire, so v1 is called with them under the v1 name.
     */
    static final MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> V1_METHOD = ServerReflectionGrpc
        .getServerReflectionInfoMethod()
        .toBuilder()
        .setFullMethodName("grpc.reflection.v1.ServerReflection/ServerReflectionInfo")
        .setSchemaDescriptor(null)
        .build();

    private final Channel channel;

    private volatile MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> method = V1_METHOD;

    ReflectionClient(Channel channel) {
        this.channel = channel;
    }

    List<String> listServices() {
        return ask(ServerReflectionRequest.newBuilder().setListServices("*").build()).getListServicesResponse()
            .getServiceList()
            .stream()
            .map(ServiceResponse::getName)
            .sorted()
            .toList();
    }

    /** The file defining {@code symbol} and (as grpc-java answers) its dependencies; {@code null} if unknown. */
    List<FileDescriptorProto> filesContainingSymbol(String symbol) {
        return files(ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build());
    }

    /** The file of that name, or {@code null} when the server's reflection does not have it. */
    FileDescriptorProto fileByName(String name) {
        List<FileDescriptorProto> files = files(ServerReflectionRequest.newBuilder().setFileByFilename(name).build());
        return (files == null) ? null : files.stream().filter(f -> f.getName().equals(name)).findFirst().orElse(null);
    }

    private List<FileDescriptorProto> files(ServerReflectionRequest request) {
        ServerReflectionResponse response = ask(request);
        if (response.hasErrorResponse()) {
            ErrorResponse error = response.getErrorResponse();
            if (error.getErrorCode() == Status.Code.NOT_FOUND.value()) {
                return null;
            }
            throw new ReflectionUnavailableException("Server reflection failed for " + request.getMessageRequestCase()
                    + ": " + Status.fromCodeValue(error.getErrorCode()).getCode() + " " + error.getErrorMessage(), null);
        }
        try {
            List<FileDescriptorProto> files = new java.util.ArrayList<>();
            for (var bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
                files.add(FileDescriptorProto.parseFrom(bytes));
            }
            return files;
        }
        catch (InvalidProtocolBufferException ex) {
            throw new DescriptorResolutionException("Server reflection returned an unreadable proto file", ex);
        }
    }

    private ServerReflectionResponse ask(ServerReflectionRequest request) {
        try {
            return askWith(this.method, request);
        }
        catch (StatusRuntimeException ex) {
            if (ex.getStatus().getCode() == Status.Code.UNIMPLEMENTED && this.method == V1_METHOD) {
                this.method = ServerReflectionGrpc.getServerReflectionInfoMethod();
                return ask(request);
            }
            throw translate(ex);
        }
    }

    private RuntimeException translate(StatusRuntimeException ex) {
        return switch (ex.getStatus().getCode()) {
            case UNAVAILABLE -> new ServerUnreachableException(this.channel.authority(), ex);
            case UNIMPLEMENTED -> new ReflectionUnavailableException("The gRPC server at " + this.channel.authority()
                    + " offers no server reflection (neither grpc.reflection.v1 nor v1alpha); enable it, with "
                    + "grpc-spring-boot-starter: grpc.server.reflection-service-enabled=true", ex);
            default -> new ReflectionUnavailableException("Server reflection at " + this.channel.authority()
                    + " failed: " + ex.getStatus().getCode() + " " + ex.getStatus().getDescription()
                    + " (does reflection need credentials? pass the client interceptors)", ex);
        };
    }

    private ServerReflectionResponse askWith(MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> method,
            ServerReflectionRequest request) {
        ClientCall<ServerReflectionRequest, ServerReflectionResponse> call = this.channel.newCall(method,
                CallOptions.DEFAULT.withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(ServerReflectionResponse message) {
                answer.complete(message);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                if (!status.isOk()) {
                    answer.completeExceptionally(status.asRuntimeException(trailers));
                }
                else if (!answer.isDone()) {
                    answer.completeExceptionally(Status.INTERNAL
                        .withDescription("reflection closed the stream without answering")
                        .asRuntimeException());
                }
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(request);
        call.halfClose();
        try {
            return answer.get();
        }
        catch (InterruptedException ex) {
            call.cancel("interrupted", ex);
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
        catch (ExecutionException ex) {
            throw (ex.getCause() instanceof StatusRuntimeException sre) ? sre
                    : Status.INTERNAL.withCause(ex.getCause()).asRuntimeException();
        }
    }
}
