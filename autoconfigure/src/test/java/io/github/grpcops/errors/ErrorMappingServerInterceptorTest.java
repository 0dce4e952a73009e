package io.github.grpcops.errors;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.github.grpcops.requestid.RequestIds;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static io.github.grpcops.test.ErrorDetails.detail;
import static io.github.grpcops.test.ErrorDetails.errorInfo;
import static io.github.grpcops.test.ErrorDetails.everythingTheClientGot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Exceptions thrown by service code in every callback of every call type, over a real Netty server.
 */
@SpringBootTest(classes = ErrorTestApplication.class,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.application.name=errors-test",
                "grpc.errors.mappings[io.github.grpcops.errors.FaultyEchoService$QuotaExceededException]=RESOURCE_EXHAUSTED" })
@Import(ErrorMappingServerInterceptorTest.UserMapper.class)
@ExtendWith(OutputCaptureExtension.class)
class ErrorMappingServerInterceptorTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    FaultyEchoService service;

    private EchoServiceGrpc.EchoServiceBlockingStub blocking(String requestId) {
        Metadata headers = new Metadata();
        headers.put(RequestIds.HEADER, requestId);
        return EchoServiceGrpc.newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private EchoServiceGrpc.EchoServiceStub async() {
        return EchoServiceGrpc.newStub(this.client.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private StatusRuntimeException unary(String exception) {
        return catchThrowableOfType(StatusRuntimeException.class,
                () -> blocking("req-" + exception).echo(EchoRequest.newBuilder().setText(exception).build()));
    }

    @Test
    void unmappedExceptionBecomesInternalWithRequestIdAndWithoutItsMessage(CapturedOutput output) {
        StatusRuntimeException ex = unary("secret");

        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(ex.getStatus().getDescription()).isEqualTo("Internal error (request id req-secret)");
        ErrorInfo info = errorInfo(ex);
        assertThat(info.getReason()).isEqualTo("INTERNAL_ERROR");
        assertThat(info.getDomain()).isEqualTo("errors-test");
        assertThat(info.getMetadataMap()).containsEntry("requestId", "req-secret");
        assertThat(everythingTheClientGot(ex)).doesNotContain("hunter2", "s3cr3t", "IllegalStateException", "at io.");
        // Logged once, at ERROR, with the request id; grpc-java never sees the exception.
        assertThat(output.getAll().split("EchoService/Echo failed with INTERNAL \\(requestId=req-secret\\)", -1))
            .hasSize(2);
        assertThat(output.getAll()).contains("ERROR").doesNotContain("Exception while executing runnable");
    }

    @Test
    void builtInMappingsGiveTheStatusAndAGenericMessage() {
        assertMapped("no-such-element", Status.Code.NOT_FOUND, "NOT_FOUND");
        assertMapped("entity-not-found", Status.Code.NOT_FOUND, "ENTITY_NOT_FOUND");
        assertMapped("empty-result", Status.Code.NOT_FOUND, "ENTITY_NOT_FOUND");
        assertMapped("duplicate-key", Status.Code.ALREADY_EXISTS, "DUPLICATE_KEY");
        assertMapped("integrity", Status.Code.FAILED_PRECONDITION, "DATA_INTEGRITY_VIOLATION");
        assertMapped("optimistic", Status.Code.ABORTED, "CONCURRENT_MODIFICATION");
        assertMapped("unsupported", Status.Code.UNIMPLEMENTED, "UNIMPLEMENTED");
        assertMapped("timeout", Status.Code.DEADLINE_EXCEEDED, "TIMEOUT");
        assertThat(everythingTheClientGot(unary("duplicate-key"))).doesNotContain("SQL", "users_email_key");
        assertThat(everythingTheClientGot(unary("entity-not-found"))).doesNotContain("com.acme", "42");
    }

    private void assertMapped(String exception, Status.Code code, String reason) {
        StatusRuntimeException ex = unary(exception);
        assertThat(ex.getStatus().getCode()).as(exception).isEqualTo(code);
        assertThat(ex.getStatus().getDescription()).isEqualTo(GrpcError.genericMessage(code));
        assertThat(errorInfo(ex).getReason()).isEqualTo(reason);
        assertThat(errorInfo(ex).getMetadataMap()).containsEntry("requestId", "req-" + exception);
    }

    @Test
    void illegalArgumentBecomesInvalidArgumentWithItsMessage() {
        StatusRuntimeException ex = unary("illegal-argument");
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(ex.getStatus().getDescription()).isEqualTo("page_size must be between 1 and 100");
    }

    @Test
    void constraintViolationsBecomeBadRequestFieldViolationsWithoutTheRejectedValue() {
        StatusRuntimeException ex = unary("violation");

        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        BadRequest badRequest = detail(ex, BadRequest.class);
        assertThat(badRequest.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField)
            .containsExactly("email", "name");
        assertThat(badRequest.getFieldViolationsList()).allSatisfy(v -> assertThat(v.getDescription()).isNotBlank());
        assertThat(everythingTheClientGot(ex)).doesNotContain("s3cr3t");
    }

    @Test
    void statusRuntimeExceptionPassesThroughWithItsTrailers() {
        StatusRuntimeException ex = unary("status");
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
        assertThat(ex.getStatus().getDescription()).isEqualTo("page 9 of 3");
        assertThat(ex.getTrailers().get(Metadata.Key.of("x-custom", Metadata.ASCII_STRING_MARSHALLER)))
            .isEqualTo("kept");
        assertThat(errorInfo(ex).getReason()).isEqualTo("OUT_OF_RANGE");
    }

    @Test
    void userMappersAndConfiguredMappingsComeBeforeTheBuiltIns() {
        assertThat(unary("unsupported").getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        StatusRuntimeException ex = unary("no-such-element-by-user");
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
        assertThat(errorInfo(ex).getReason()).isEqualTo("PAST_THE_END");
        assertThat(unary("custom").getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void errorStatusSentByTheServiceGetsAnErrorInfo() {
        StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class, () -> blocking("req-svc")
            .echo(EchoRequest.newBuilder().setFailWith("service-error").build()));
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(ex.getStatus().getDescription()).isEqualTo("no such user");
        assertThat(errorInfo(ex).getMetadataMap()).containsEntry("requestId", "req-svc");
    }

    @Test
    void exceptionAfterTheServiceCompletedLeavesTheCallAsItWas() {
        EchoReply reply = blocking("req-closed")
            .echo(EchoRequest.newBuilder().setText("secret").setFailWith("closed").build());
        assertThat(reply.getText()).isEqualTo("secret");
    }

    @Test
    void exceptionInClientStreamOnMessageClosesTheCallOnce() throws Exception {
        Result result = new Result();
        StreamObserver<EchoRequest> requests = async().collect(result);
        requests.onNext(EchoRequest.newBuilder().setText("no-such-element").setFailWith("message").build());
        // More messages after the failure never reach the service.
        requests.onNext(EchoRequest.newBuilder().setText("secret").setFailWith("message").build());
        requests.onCompleted();
        assertThat(result.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void exceptionInClientStreamOnHalfCloseIsMapped() throws Exception {
        Result result = new Result();
        StreamObserver<EchoRequest> requests = async().collect(result);
        requests.onNext(EchoRequest.newBuilder().setText("optimistic").build());
        requests.onCompleted();
        assertThat(result.status().getCode()).isEqualTo(Status.Code.ABORTED);
    }

    @Test
    void exceptionWhileStreamingResponsesEndsTheStreamWithTheMappedStatus() {
        Iterator<EchoReply> replies = blocking("req-stream")
            .expand(EchoRequest.newBuilder().setText("secret").setRepeat(3).build());
        List<Integer> received = new ArrayList<>();
        StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
                () -> replies.forEachRemaining(r -> received.add(r.getCount())));
        assertThat(received).containsExactly(1, 2, 3);
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(everythingTheClientGot(ex)).doesNotContain("s3cr3t");
    }

    @Test
    void exceptionInBidiOnMessageAfterARepliesIsMapped() throws Exception {
        Result result = new Result();
        StreamObserver<EchoRequest> requests = async().chat(result);
        requests.onNext(EchoRequest.newBuilder().setText("ok").build());
        requests.onNext(EchoRequest.newBuilder().setText("integrity").setFailWith("message").build());
        assertThat(result.status().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(result.replies).hasSize(2);
        requests.onCompleted();
    }

    @Test
    void exceptionWhenTheServiceMethodStartsAStreamIsMapped() throws Exception {
        this.service.bidiFailure = "start";
        Result result = new Result();
        StreamObserver<EchoRequest> requests = async().chat(result);
        requests.onNext(EchoRequest.newBuilder().setText("ok").build());
        assertThat(result.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void exceptionInOnReadyHandlerIsMapped() throws Exception {
        this.service.bidiFailure = "ready";
        Result result = new Result();
        StreamObserver<EchoRequest> requests = async().chat(result);
        requests.onNext(EchoRequest.newBuilder().setText("ok").build());
        assertThat(result.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    }

    @Test
    void exceptionAfterTheDeadlineLeavesTheClientWithDeadlineExceeded() {
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(this.client.channel())
            .withDeadlineAfter(100, TimeUnit.MILLISECONDS)
            .echo(EchoRequest.newBuilder().setText("secret").setDelayMs(400).build()))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                    ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        // The server survives and keeps answering.
        assertThat(unary("no-such-element").getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    /** Collects a streaming call's replies and its final status. */
    static final class Result implements StreamObserver<EchoReply> {

        final List<EchoReply> replies = new java.util.concurrent.CopyOnWriteArrayList<>();

        private final CompletableFuture<Status> status = new CompletableFuture<>();

        @Override
        public void onNext(EchoReply value) {
            this.replies.add(value);
        }

        @Override
        public void onError(Throwable t) {
            this.status.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            this.status.complete(Status.OK);
        }

        Status status() throws Exception {
            return this.status.get(10, TimeUnit.SECONDS);
        }
    }

    /** A user's mapper: default order 0, so asked before the built-in NoSuchElementException rule. */
    static class UserMapper {

        @Bean
        GrpcExceptionMapper pastTheEndMapper() {
            return ex -> (ex instanceof java.util.NoSuchElementException && "past the end".equals(ex.getMessage()))
                    ? GrpcError.of(Status.Code.OUT_OF_RANGE, "Past the end", "PAST_THE_END") : null;
        }
    }
}
