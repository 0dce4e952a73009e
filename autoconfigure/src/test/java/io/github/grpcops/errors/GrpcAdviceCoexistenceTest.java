package io.github.grpcops.errors;

import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import net.devh.boot.grpc.server.advice.GrpcAdvice;
import net.devh.boot.grpc.server.advice.GrpcExceptionHandler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static io.github.grpcops.test.ErrorDetails.errorInfo;
import static io.github.grpcops.test.ErrorDetails.everythingTheClientGot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With a net.devh {@code @GrpcAdvice} in the application: net.devh's exception interceptor (order 0)
 * is inside grpc-ops' error mapping (order -5000), so it sees every exception first. The advice wins
 * for what it handles; for the rest net.devh answers INTERNAL itself (with its own generic message),
 * and grpc-ops only adds the ErrorInfo detail on the way out.
 */
@SpringBootTest(classes = ErrorTestApplication.class,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1" })
@Import(GrpcAdviceCoexistenceTest.NotFoundAdvice.class)
class GrpcAdviceCoexistenceTest {

    @Autowired
    GrpcTestClient client;

    private StatusRuntimeException call(String exception) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> EchoServiceGrpc.newBlockingStub(this.client.channel())
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .echo(EchoRequest.newBuilder().setText(exception).build()));
    }

    @Test
    void grpcAdviceWinsForTheExceptionsItHandles() {
        StatusRuntimeException ex = call("no-such-element");
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(ex.getStatus().getDescription()).isEqualTo("from advice");
        assertThat(errorInfo(ex).getReason()).isEqualTo("FAILED_PRECONDITION");
    }

    @Test
    void exceptionsTheAdviceDoesNotHandleGetNetDevhsGenericInternalWithoutTheirMessage() {
        StatusRuntimeException ex = call("secret");
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(everythingTheClientGot(ex)).doesNotContain("hunter2", "s3cr3t");
        assertThat(errorInfo(ex).getMetadataMap()).containsKey("requestId");
    }

    @GrpcAdvice
    public static class NotFoundAdvice {

        @GrpcExceptionHandler(NoSuchElementException.class)
        public Status notFound(NoSuchElementException ex) {
            return Status.FAILED_PRECONDITION.withDescription("from advice");
        }
    }
}
