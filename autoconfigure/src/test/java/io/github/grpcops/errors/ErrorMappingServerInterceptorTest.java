package io.github.grpcops.errors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.github.grpcops.pipeline.RequestIds;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.github.grpcops.test.ErrorDetails.detail;
import static io.github.grpcops.test.ErrorDetails.errorInfo;
import static io.github.grpcops.test.ErrorDetails.everythingTheClientGot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Exceptions thrown by service code in every callback of every call type, over a real Netty server.
 */
@SpringBootTest(classes = ErrorTestApplication.class,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.application.name=errors-test",
                "grpc.errors.mappings[io.github.grpcops.errors.FaultyEchoService$QuotaExceededException]=RESOURCE_EXHAUSTED",
                "logging.level.io.github.grpcops.errors.ErrorMappingServerInterceptor=DEBUG" })
@Import(ErrorMappingServerInterceptorTest.UserMapper.class)
@ExtendWith(OutputCaptureExtension.class)
class ErrorMappingServerInterceptorTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    FaultyEchoService service;

    @Autowired
    JdbcTemplate jdbc;

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
    void applicationSubclassOfIllegalArgumentKeepsItsMessage() {
        StatusRuntimeException ex = unary("app-invalid-argument");
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(ex.getStatus().getDescription()).isEqualTo("page_token has expired; start from the first page");
        assertThat(errorInfo(ex).getReason()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void illegalArgumentWrittenByTheJdkHidesTheInputItEchoes() {
        // NumberFormatException: For input string: "<secret>"; UUID.fromString: Invalid UUID string: <secret>.
        for (String exception : List.of("number-format", "uuid")) {
            StatusRuntimeException ex = unary(exception);
            assertThat(ex.getStatus().getCode()).as(exception).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(ex.getStatus().getDescription()).isEqualTo(GrpcError.genericMessage(Status.Code.INVALID_ARGUMENT));
            assertThat(errorInfo(ex).getReason()).isEqualTo("INVALID_ARGUMENT");
            assertThat(errorInfo(ex).getMetadataMap()).containsEntry("requestId", "req-" + exception);
            assertThat(everythingTheClientGot(ex)).doesNotContain("hunter2", "s3cr3t", "input string", "UUID");
        }
    }

    @Test
    void securityExceptionBecomesPermissionDeniedWithoutItsMessage() {
        assertMapped("security", Status.Code.PERMISSION_DENIED, "ACCESS_DENIED");
        assertThat(everythingTheClientGot(unary("security"))).doesNotContain("tenant", "admin");
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
    void undeclaredStatusExceptionPassesThroughWithItsTrailers() {
        StatusRuntimeException ex = unary("status-exception");
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(ex.getStatus().getDescription()).isEqualTo("account is frozen");
        assertThat(ex.getTrailers().get(Metadata.Key.of("x-custom", Metadata.ASCII_STRING_MARSHALLER)))
            .isEqualTo("kept");
        ErrorInfo info = errorInfo(ex);
        assertThat(info.getReason()).isEqualTo("FAILED_PRECONDITION");
        assertThat(info.getDomain()).isEqualTo("errors-test");
        assertThat(info.getMetadataMap()).containsEntry("requestId", "req-status-exception");
    }

    @Test
    void statusExceptionWithItsOwnDetailsKeepsThemUnchanged() {
        StatusRuntimeException ex = unary("status-with-details");
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(ex.getStatus().getDescription()).isEqualTo("quota used up");
        ErrorInfo info = errorInfo(ex);
        assertThat(info.getReason()).isEqualTo("QUOTA");
        assertThat(info.getDomain()).isEqualTo("billing.acme");
        assertThat(StatusProto.fromThrowable(ex).getDetailsCount()).isOne();
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
    void exceptionInBidiOnHalfCloseIsMappedAfterTheRepliesAlreadySent() throws Exception {
        Result result = new Result();
        StreamObserver<EchoRequest> requests = async().chat(result);
        requests.onNext(EchoRequest.newBuilder().setText("ok").build());
        requests.onNext(EchoRequest.newBuilder().setText("optimistic").setFailWith("half-close").build());
        requests.onCompleted();
        assertThat(result.status().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(result.status().getDescription()).isEqualTo(GrpcError.genericMessage(Status.Code.ABORTED));
        assertThat(result.replies).extracting(EchoReply::getText).containsExactly("ok", "optimistic");
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

    @Test
    void clientCancellingAStreamClosesTheCallOnceAndLogsNothingAtError(CapturedOutput output) throws Exception {
        String requestId = "req-cancel-" + System.nanoTime();
        Result result = new Result();
        ClientCallStreamObserver<EchoRequest>[] call = new ClientCallStreamObserver[1];
        withRequestId(EchoServiceGrpc.newStub(this.client.channel()), requestId).expand(
                EchoRequest.newBuilder().setText("x").setRepeat(20).setDelayMs(50).setFailWith("slow-stream").build(),
                new ClientResponseObserver<EchoRequest, EchoReply>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<EchoRequest> requestStream) {
                        call[0] = requestStream;
                    }

                    @Override
                    public void onNext(EchoReply reply) {
                        result.onNext(reply);
                        call[0].cancel("enough", null);
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.onError(t);
                    }

                    @Override
                    public void onCompleted() {
                        result.onCompleted();
                    }
                });
        assertThat(result.status().getCode()).isEqualTo(Status.Code.CANCELLED);

        // The service noticed, threw CANCELLED, and the guard answered it once, at DEBUG.
        assertThat(requestLogStatuses(requestId)).containsExactly("cancelled");
        assertThat(loggedFailure(output, requestId)).contains("failed with CANCELLED").contains("DEBUG");
        assertNoErrorFor(output, requestId);
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void deadlineOfAStreamingCallEndsItOnceWithDeadlineExceeded(MethodType type, CapturedOutput output)
            throws Exception {
        String requestId = "req-deadline-" + type + "-" + System.nanoTime();
        // 500 ms: long enough for the call to reach the server on a loaded machine (no server call, no row),
        // shorter than the slow stream (10 x 100 ms) it cuts off.
        EchoServiceGrpc.EchoServiceStub stub = withRequestId(async(), requestId).withDeadlineAfter(500,
                TimeUnit.MILLISECONDS);
        EchoRequest slow = EchoRequest.newBuilder().setText("x").setRepeat(10).setDelayMs(100)
            .setFailWith("slow-stream").build();
        Result result = new Result();
        switch (type) {
            case SERVER_STREAMING -> stub.expand(slow, result);
            // The service is still busy with the request when the deadline passes; the client never half-closes.
            case CLIENT_STREAMING -> stub.collect(result).onNext(slow.toBuilder().setDelayMs(1500).build());
            default -> stub.chat(result).onNext(slow);
        }
        assertThat(result.status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);

        assertThat(requestLogStatuses(requestId)).containsExactly("timeout");
        assertNoErrorFor(output, requestId);
        assertThat(unary("no-such-element").getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void clientFaultsAreLoggedAtDebugAndServerFaultsAtError(CapturedOutput output) {
        for (String exception : List.of("no-such-element", "security", "illegal-argument", "optimistic")) {
            unary(exception);
            assertThat(loggedFailure(output, "req-" + exception)).as(exception).contains("DEBUG").doesNotContain("ERROR");
        }
        for (String exception : List.of("secret", "unsupported")) {
            unary(exception);
            assertThat(loggedFailure(output, "req-" + exception)).as(exception).contains("ERROR");
        }
    }

    private static <S extends io.grpc.stub.AbstractStub<S>> S withRequestId(S stub, String requestId) {
        Metadata headers = new Metadata();
        headers.put(RequestIds.HEADER, requestId);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** The status column of every request-log row of the call, once the writer has stored one. */
    private List<String> requestLogStatuses(String requestId) {
        String sql = "select status from grpc_request_log where request_id = ?";
        await().atMost(Duration.ofSeconds(20))
            .until(() -> this.jdbc.queryForList(sql, String.class, requestId), rows -> !rows.isEmpty());
        // One call, one row: give a duplicate the chance to show up.
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        return this.jdbc.queryForList(sql, String.class, requestId);
    }

    /** The error-mapping log line of the call. */
    private static String loggedFailure(CapturedOutput output, String requestId) {
        return await().atMost(Duration.ofSeconds(10))
            .until(() -> output.getAll().lines().filter(l -> l.contains(" failed with ")
                    && l.contains("(requestId=" + requestId + ")")).findFirst(), Optional::isPresent)
            .get();
    }

    private static void assertNoErrorFor(CapturedOutput output, String requestId) {
        assertThat(output.getAll().lines().filter(l -> l.contains(requestId)))
            .noneMatch(l -> l.contains("ERROR"));
        assertThat(output.getAll()).doesNotContain("already closed", "Exception while executing runnable");
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
