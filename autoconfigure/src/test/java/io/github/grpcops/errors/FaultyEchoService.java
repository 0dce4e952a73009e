package io.github.grpcops.errors;

import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.persistence.EntityNotFoundException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Throws where a test tells it to. {@code fail_with} says where: {@code message} (onMessage of a client
 * or bidi stream), {@code half-close} (after the stream, or for unary and server streaming the method
 * itself), {@code stream} (a server stream after {@code repeat} replies), {@code closed} (after
 * completing the call). {@code text} names the exception ({@link #exception}). {@code slow-stream}
 * makes Expand and Chat send {@code repeat} replies {@code delay_ms} apart and, once the client has
 * cancelled or its deadline passed, throw {@code CANCELLED} as services do when they notice.
 */
@GrpcService
class FaultyEchoService extends EchoServiceGrpc.EchoServiceImplBase {

    static final String SECRET = "password=hunter2-s3cr3t";

    /** Set by a test: the next bidi call fails at start ({@code start}) or when ready ({@code ready}). */
    volatile String bidiFailure = "";

    static RuntimeException exception(String name) {
        return switch (name) {
            case "no-such-element" -> new NoSuchElementException("No value present");
            case "no-such-element-by-user" -> new NoSuchElementException("past the end");
            case "entity-not-found" -> new EntityNotFoundException("Unable to find com.acme.User with id 42");
            case "empty-result" -> new EmptyResultDataAccessException(1);
            case "illegal-argument" -> new IllegalArgumentException("page_size must be between 1 and 100");
            case "app-invalid-argument" -> new InvalidPageTokenException();
            case "number-format" -> thrownBy(() -> Integer.parseInt(SECRET));
            case "uuid" -> thrownBy(() -> java.util.UUID.fromString(SECRET));
            case "security" -> new SecurityException("user 7 is not an admin of tenant acme");
            case "duplicate-key" -> new DuplicateKeyException("duplicate key value violates unique constraint "
                    + "\"users_email_key\" in SQL [insert into users values (?)]");
            case "integrity" -> new DataIntegrityViolationException("could not execute statement; SQL [delete from x]");
            case "optimistic" -> new OptimisticLockingFailureException("Row was updated by another transaction");
            case "unsupported" -> new UnsupportedOperationException("not yet");
            case "timeout" -> new IllegalStateException("wrapped", new TimeoutException("backend slow"));
            case "violation" -> violation();
            case "status" -> Status.OUT_OF_RANGE.withDescription("page 9 of 3").asRuntimeException(customTrailer());
            case "status-exception" -> sneakyThrow(Status.FAILED_PRECONDITION.withDescription("account is frozen")
                .asException(customTrailer()));
            case "status-with-details" -> StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                .setMessage("quota used up")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("QUOTA").setDomain("billing.acme").build()))
                .build());
            case "custom" -> new QuotaExceededException();
            default -> new IllegalStateException("boom with " + SECRET);
        };
    }

    private static Metadata customTrailer() {
        Metadata trailers = new Metadata();
        trailers.put(Metadata.Key.of("x-custom", Metadata.ASCII_STRING_MARSHALLER), "kept");
        return trailers;
    }

    /** What the JDK throws for {@code call}, message and stack trace as the JDK wrote them. */
    private static RuntimeException thrownBy(Runnable call) {
        try {
            call.run();
        }
        catch (RuntimeException ex) {
            return ex;
        }
        throw new AssertionError("expected the JDK to throw");
    }

    /** Throws a checked exception undeclared, as Kotlin or Lombok's @SneakyThrows service code does. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneakyThrow(Throwable exception) throws T {
        throw (T) exception;
    }

    private static ConstraintViolationException violation() {
        record NewUser(@NotBlank String name, @Email String email) {
        }
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            Set<? extends jakarta.validation.ConstraintViolation<?>> violations = factory.getValidator()
                .validate(new NewUser(" ", "not-an-" + SECRET));
            return new ConstraintViolationException(Set.copyOf(violations));
        }
    }

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoReply> replies) {
        if (request.getFailWith().equals("closed")) {
            replies.onNext(reply(request.getText(), 1));
            replies.onCompleted();
        }
        if (request.getFailWith().equals("service-error")) {
            replies.onError(Status.NOT_FOUND.withDescription("no such user").asRuntimeException());
            return;
        }
        sleep(request.getDelayMs());
        throw exception(request.getText());
    }

    @Override
    public StreamObserver<EchoRequest> collect(StreamObserver<EchoReply> replies) {
        return new StreamObserver<>() {
            private EchoRequest last;

            @Override
            public void onNext(EchoRequest request) {
                this.last = request;
                sleep(request.getDelayMs());
                if (request.getFailWith().equals("message")) {
                    throw exception(request.getText());
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                throw exception(this.last.getText());
            }
        };
    }

    @Override
    public void expand(EchoRequest request, StreamObserver<EchoReply> replies) {
        if (request.getFailWith().equals("slow-stream")) {
            streamSlowly(request, replies);
            replies.onCompleted();
            return;
        }
        for (int i = 1; i <= request.getRepeat(); i++) {
            replies.onNext(reply(request.getText(), i));
        }
        throw exception(request.getText());
    }

    @Override
    public StreamObserver<EchoRequest> chat(StreamObserver<EchoReply> replies) {
        String failure = this.bidiFailure;
        this.bidiFailure = "";
        if (failure.equals("start")) {
            throw exception("no-such-element");
        }
        if (failure.equals("ready")) {
            ((ServerCallStreamObserver<EchoReply>) replies).setOnReadyHandler(() -> {
                throw exception("unsupported");
            });
        }
        return new StreamObserver<>() {
            private EchoRequest last = EchoRequest.getDefaultInstance();

            @Override
            public void onNext(EchoRequest request) {
                this.last = request;
                if (request.getFailWith().equals("slow-stream")) {
                    streamSlowly(request, replies);
                    return;
                }
                replies.onNext(reply(request.getText(), 1));
                if (request.getFailWith().equals("message")) {
                    throw exception(request.getText());
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                if (this.last.getFailWith().equals("half-close")) {
                    throw exception(this.last.getText());
                }
                replies.onCompleted();
            }
        };
    }

    private static void streamSlowly(EchoRequest request, StreamObserver<EchoReply> replies) {
        ServerCallStreamObserver<EchoReply> call = (ServerCallStreamObserver<EchoReply>) replies;
        for (int i = 1; i <= request.getRepeat(); i++) {
            if (call.isCancelled()) {
                throw Status.CANCELLED.withDescription("client went away").asRuntimeException();
            }
            replies.onNext(reply(request.getText(), i));
            sleep(request.getDelayMs());
        }
    }

    private static EchoReply reply(String text, int count) {
        return EchoReply.newBuilder().setText(text).setCount(count).build();
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** An application's own kind of invalid argument: its message is the application's, so it is shown. */
    static class InvalidPageTokenException extends IllegalArgumentException {

        InvalidPageTokenException() {
            super("page_token has expired; start from the first page");
        }
    }

    /** An application exception that only a user mapping knows. */
    static class QuotaExceededException extends RuntimeException {

        QuotaExceededException() {
            super("quota of tenant 7 exceeded");
        }
    }
}
