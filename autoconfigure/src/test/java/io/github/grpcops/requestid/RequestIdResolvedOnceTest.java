package io.github.grpcops.requestid;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.pipeline.RequestIds;
import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.requestlog.GrpcRequestLogRepository;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A call without {@code x-request-id} gets one generated id, resolved once for the whole pipeline: the
 * same in the response trailers, the ErrorInfo of its refusal, the console line and the request-log
 * row, in every call type. Error mapping is off, so the ErrorInfo comes from the refusal path alone.
 */
@AuthProbeTest(properties = { "grpc.errors.enabled=false", "grpc.errors.domain=probe.refusals",
        "grpc.auth.require-auth=true" })
@ExtendWith(OutputCaptureExtension.class)
class RequestIdResolvedOnceTest {

    private static final Pattern CONSOLE_END = Pattern
        .compile("gRPC call ended (\\S+) status=UNAUTHENTICATED .* requestId=(\\S+)");

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    GrpcRequestLogRepository rows;

    @Test
    void aGeneratedIdIsTheSameInTheTrailersTheErrorInfoTheConsoleLineAndTheRequestLogRow(CapturedOutput output) {
        List<Runnable> calls = new ProbeClient(this.grpc.channel(), new Metadata()).everyCallType();
        for (Runnable call : calls) {
            StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class, call::run);
            assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            String id = ex.getTrailers().get(RequestIds.HEADER);
            assertThat(id).as("generated id in the trailers").hasSize(36);
            assertThat(ErrorDetails.errorInfo(ex).getMetadataMap()).containsEntry("requestId", id);
            await().atMost(Duration.ofSeconds(10)).until(() -> consoleIdFor(output, id));
            await().atMost(Duration.ofSeconds(10)).until(() -> !this.rows.findByRequestId(id).isEmpty());
            GrpcRequestLog row = this.rows.findByRequestId(id).get(0);
            assertThat(row.getGrpcStatus()).isEqualTo("UNAUTHENTICATED");
        }
    }

    private static boolean consoleIdFor(CapturedOutput output, String id) {
        Matcher line = CONSOLE_END.matcher(output.getAll());
        while (line.find()) {
            if (line.group(2).equals(id)) {
                return true;
            }
        }
        return false;
    }
}
