package io.github.grpcops.sample.user;

import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.grpcops.auth.GrpcAuthenticated;
import io.github.grpcops.auth.RequireStaff;
import io.github.grpcops.sample.api.GetUserRequest;
import io.github.grpcops.sample.api.ListUsersRequest;
import io.github.grpcops.sample.api.UpdateUserRequest;
import io.github.grpcops.sample.api.User;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;

@GrpcService
public class UserGrpcService extends UserServiceGrpc.UserServiceImplBase {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private static final int PAGE_SIZE = 100;

    private final AppUserRepository users;

    public UserGrpcService(AppUserRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public void getUser(GetUserRequest request, StreamObserver<User> replies) {
        this.users.findById(request.getId()).ifPresentOrElse(user -> {
            replies.onNext(toProto(user));
            replies.onCompleted();
        }, () -> replies.onError(notFound(request.getId())));
    }

    /**
     * Not {@code @Transactional} on purpose: {@code save} commits in its own transaction before the reply
     * is sent. A reply sent inside a method-wide transaction reaches the caller before the commit, so a
     * caller reading right after it could still see the old row.
     */
    @Override
    @GrpcAuthenticated
    public void updateUser(UpdateUserRequest request, StreamObserver<User> replies) {
        if (request.getDisplayName().isBlank() || request.getDisplayName().length() > 128) {
            replies.onError(Status.INVALID_ARGUMENT.withDescription("display_name must be 1 to 128 characters")
                .asRuntimeException());
            return;
        }
        if (!EMAIL.matcher(request.getEmail()).matches() || request.getEmail().length() > 254) {
            replies.onError(Status.INVALID_ARGUMENT.withDescription("email must look like name@example.com")
                .asRuntimeException());
            return;
        }
        this.users.findById(request.getId()).ifPresentOrElse(user -> {
            user.setDisplayName(request.getDisplayName());
            user.setEmail(request.getEmail());
            replies.onNext(toProto(this.users.save(user)));
            replies.onCompleted();
        }, () -> replies.onError(notFound(request.getId())));
    }

    /**
     * Streams page by page, so a large table is never loaded whole; stops when the client cancels. Staff
     * only: the pipeline refuses other callers before this runs.
     */
    @Override
    @Transactional(readOnly = true)
    @RequireStaff
    public void listUsers(ListUsersRequest request, StreamObserver<User> replies) {
        ServerCallStreamObserver<User> stream = (ServerCallStreamObserver<User>) replies;
        Function<Pageable, Page<AppUser>> query = request.getActiveOnly() ? this.users::findByActiveTrue
                : this.users::findAll;
        Pageable page = PageRequest.of(0, PAGE_SIZE, Sort.by("id"));
        while (page != null) {
            Page<AppUser> result = query.apply(page);
            for (AppUser user : result) {
                if (stream.isCancelled()) {
                    return;
                }
                replies.onNext(toProto(user));
            }
            page = result.hasNext() ? result.nextPageable() : null;
        }
        replies.onCompleted();
    }

    static User toProto(AppUser user) {
        return User.newBuilder()
            .setId(user.getId())
            .setUsername(user.getUsername())
            .setEmail(user.getEmail())
            .setDisplayName(user.getDisplayName())
            .setActive(user.isActive())
            .setStaff(user.isStaff())
            .build();
    }

    private static RuntimeException notFound(long id) {
        return Status.NOT_FOUND.withDescription("No user with id " + id).asRuntimeException();
    }
}
