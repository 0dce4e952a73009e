package io.github.grpcops.sample.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.grpcops.sample.api.GetUserRequest;
import io.github.grpcops.sample.api.ListUsersRequest;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;

/**
 * The sample app's methods the load generator can drive, each with a fixed request that the demo data
 * answers; a call counts as done when the server closes it.
 */
enum BenchMethod {

    /** Unary: one user by id. */
    GET_USER("GetUser", "unary sample.v1.UserService/GetUser {id: 1}") {
        @Override
        void start(Channel channel, StreamObserver<Object> done) {
            UserServiceGrpc.newStub(channel).getUser(GetUserRequest.newBuilder().setId(1).build(), narrow(done));
        }
    },

    /** Server streaming: every demo user (three messages). */
    LIST_USERS("ListUsers", "server-streaming sample.v1.UserService/ListUsers {}") {
        @Override
        void start(Channel channel, StreamObserver<Object> done) {
            UserServiceGrpc.newStub(channel).listUsers(ListUsersRequest.getDefaultInstance(), narrow(done));
        }
    };

    private final String methodName;

    private final String description;

    BenchMethod(String methodName, String description) {
        this.methodName = methodName;
        this.description = description;
    }

    /** Starts one call whose responses and close go to {@code done}. */
    abstract void start(Channel channel, StreamObserver<Object> done);

    String methodName() {
        return this.methodName;
    }

    String description() {
        return this.description;
    }

    /** The method by its gRPC name ({@code GetUser}), case-insensitive. */
    static BenchMethod named(String name) {
        return Arrays.stream(values())
            .filter(method -> method.methodName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown method '" + name + "'; known: "
                    + Arrays.stream(values()).map(BenchMethod::methodName).collect(Collectors.joining(", "))));
    }

    @SuppressWarnings("unchecked")
    private static <T> StreamObserver<T> narrow(StreamObserver<Object> observer) {
        // the observer ignores the messages, so any response type is safe
        return (StreamObserver<T>) (StreamObserver<?>) observer;
    }
}
