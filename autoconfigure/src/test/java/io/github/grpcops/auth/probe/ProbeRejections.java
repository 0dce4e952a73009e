package io.github.grpcops.auth.probe;

import com.google.rpc.ErrorInfo;
import io.github.grpcops.test.ErrorDetails;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every refused credential must get, asserted for each of the probe's four call types. */
public final class ProbeRejections {

    private ProbeRejections() {
    }

    /**
     * Each call type with {@code headers} is refused with the code, the description and an ErrorInfo (the
     * reason, the call's request id), nothing the client got holds the credential, and no service code ran.
     */
    public static void assertRejectedEverywhere(Channel channel, Invocations invocations, Metadata headers,
            Status.Code code, String description, String reason, String credential) {
        int before = invocations.count();
        for (int type = 0; type < 4; type++) {
            String requestId = "rejected-" + type + "-" + System.nanoTime();
            Runnable call = new ProbeClient(channel, ProbeClient.withRequestId(headers, requestId)).everyCallType()
                .get(type);
            assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
                assertThat(ex.getStatus().getCode()).isEqualTo(code);
                assertThat(ex.getStatus().getDescription()).isEqualTo(description);
                ErrorInfo info = ErrorDetails.errorInfo(ex);
                assertThat(info.getReason()).isEqualTo(reason);
                assertThat(info.getMetadataMap()).containsEntry("requestId", requestId);
                if (credential != null && !credential.isBlank()) {
                    assertThat(ErrorDetails.everythingTheClientGot(ex)).doesNotContain(credential.trim());
                }
            });
        }
        assertThat(invocations.count()).as("service code reached").isEqualTo(before);
    }
}
