package io.github.grpcops.client;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.grpcops.client.TestServer.ECHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** The dynamic client against the echo service on a real Netty server with both reflection versions. */
class DynamicGrpcClientEchoTest {

    private static TestServer server;

    DynamicGrpcClient client;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(new EchoService(), TestServer.reflectionV1(), TestServer.reflectionV1alpha());
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @BeforeEach
    void connect() {
        this.client = server.client().build();
    }

    @AfterEach
    void close() {
        this.client.close();
    }

    @Test
    void listsTheServicesReflectionOffersSorted() {
        assertThat(this.client.listServices()).containsExactly("grpc.reflection.v1alpha.ServerReflection", ECHO);
    }

    @Test
    void describesMethodsWithCallTypesAndFields() {
        ServiceDescription echo = this.client.describe(ECHO);
        assertThat(echo.file()).isEqualTo("echo.proto");
        assertThat(echo.methods()).extracting(MethodDescription::name, MethodDescription::type)
            .containsExactly(tuple("Echo", MethodType.UNARY), tuple("Collect", MethodType.CLIENT_STREAMING),
                    tuple("Expand", MethodType.SERVER_STREAMING), tuple("Chat", MethodType.BIDI_STREAMING));
        MethodDescription unary = echo.methods().get(0);
        assertThat(unary.fullName()).isEqualTo(ECHO + "/Echo");
        assertThat(unary.requestType()).isEqualTo("grpcops.client.test.v1.EchoRequest");
        assertThat(unary.requestFields()).contains(new FieldDescription("delay_ms", "delayMs", 3, "int32", false));
        assertThat(unary.responseFields()).extracting(FieldDescription::name).containsExactly("text", "count");
    }

    @Test
    void unaryCallReturnsTheReplyAsJson() {
        String reply = this.client.call(ECHO + "/Echo").request("{\"text\": \"hello\"}").execute().single();
        assertThat(reply).contains("\"text\": \"hello\"").contains("\"count\": 1");
    }

    @Test
    void methodCanBeNamedWithADotOrApartFromItsService() {
        assertThat(this.client.call(ECHO + ".Echo").request("{\"text\": \"a\"}").execute().single()).contains("\"a\"");
        assertThat(this.client.call(ECHO, "Echo").execute().single()).contains("\"text\": \"\"");
    }

    @Test
    void serverStreamingCallReturnsEveryReplyInOrder() {
        List<String> replies = this.client.call(ECHO, "Expand")
            .request("{\"text\": \"x\", \"repeat\": 3}")
            .execute()
            .messages();
        assertThat(replies).hasSize(3);
        assertThat(replies.get(2)).contains("\"count\": 3");
    }

    @Test
    void serverStreamIsReadLazilyAndClosingItEndsTheCall() {
        try (Stream<String> replies = this.client.call(ECHO, "Expand")
            .request("{\"text\": \"x\", \"repeat\": 10000}")
            .stream()) {
            assertThat(replies.limit(2)).hasSize(2);
        }
        // The channel is free for the next call once the abandoned stream was cancelled.
        assertThat(this.client.call(ECHO, "Echo").request("{\"text\": \"after\"}").execute().single())
            .contains("after");
    }

    @Test
    void maxResponsesCancelsTheStreamAndSaysItWasTruncated() {
        DynamicResponse response = this.client.call(ECHO, "Expand")
            .request("{\"repeat\": 50}")
            .maxResponses(3)
            .execute();
        assertThat(response.messages()).hasSize(3);
        assertThat(response.truncated()).isTrue();
        assertThat(this.client.call(ECHO, "Expand").request("{\"repeat\": 3}").maxResponses(3).execute().truncated())
            .isFalse();
    }

    @Test
    void clientStreamingCallSendsEveryRequest() {
        String reply = this.client.call(ECHO, "Collect")
            .requests(List.of("{\"text\": \"a\"}", "{\"text\": \"b\"}", "{\"text\": \"c\"}"))
            .execute()
            .single();
        assertThat(reply).contains("\"text\": \"abc\"").contains("\"count\": 3");
    }

    @Test
    void bidiCallAnswersEachRequest() {
        List<String> replies = this.client.call(ECHO, "Chat")
            .requests(List.of("{\"text\": \"one\"}", "{\"text\": \"two\"}"))
            .execute()
            .messages();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(1)).contains("\"two\"").contains("\"count\": 2");
    }

    @Test
    void metadataReachesTheServerAndResponseTrailersAreRead() {
        DynamicResponse response = this.client.call(ECHO, "Echo")
            .metadata("x-request-id", "dyn-123")
            .metadata("trace-bin", "AAEC")
            .request("{}")
            .execute();
        assertThat(server.lastHeaders().get(RequestIdClientInterceptor.REQUEST_ID)).isEqualTo("dyn-123");
        assertThat(server.lastHeaders().get(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER)))
            .containsExactly(0, 1, 2);
        assertThat(response.header("x-request-id")).isEqualTo("dyn-123");
    }

    @Test
    void deadlineExceededIsTypedAndNamesTheMethod() {
        assertThatThrownBy(() -> this.client.call(ECHO, "Echo")
            .timeout(Duration.ofMillis(200))
            .request("{\"delay_ms\": 3000}")
            .execute()).isInstanceOfSatisfying(DeadlineExceededException.class, ex -> {
                assertThat(ex.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                assertThat(ex.getMessage()).startsWith(ECHO + "/Echo failed: DEADLINE_EXCEEDED");
            });
    }

    @Test
    void errorStatusCarriesCodeDescriptionAndTrailers() {
        assertThatThrownBy(() -> this.client.call(ECHO, "Echo")
            .metadata("x-request-id", "failing-1")
            .request("{\"failWith\": \"NOT_FOUND\"}")
            .execute()).isInstanceOfSatisfying(CallFailedException.class, ex -> {
                assertThat(ex.header("x-request-id")).isEqualTo("failing-1");
                assertThat(ex.getCode()).isEqualTo(Status.Code.NOT_FOUND);
                assertThat(ex.getDescription()).isEqualTo("failed on request");
                assertThat(ex.getDetailsJson()).isEqualTo("[]");
                assertThat(ex.getReceived()).isEmpty();
            });
    }

    @Test
    void failureMidStreamKeepsTheRepliesReceivedBefore() {
        assertThatThrownBy(() -> this.client.call(ECHO, "Chat")
            .requests(List.of("{\"text\": \"a\"}", "{\"text\": \"b\"}", "{\"failWith\": \"ABORTED\"}"))
            .execute()).isInstanceOfSatisfying(CallFailedException.class, ex -> {
                assertThat(ex.getCode()).isEqualTo(Status.Code.ABORTED);
                assertThat(ex.getReceived()).hasSize(2);
                assertThat(ex.getReceived().get(1)).contains("\"b\"");
            });
    }

    @Test
    void unknownServiceListsTheOnesOffered() {
        assertThatThrownBy(() -> this.client.call("grpcops.client.test.v1.Nope", "Echo"))
            .isInstanceOfSatisfying(UnknownServiceException.class, ex -> {
                assertThat(ex.getService()).isEqualTo("grpcops.client.test.v1.Nope");
                assertThat(ex.getMessage()).contains("no service 'grpcops.client.test.v1.Nope'").contains(ECHO);
            });
    }

    @Test
    void unknownMethodListsTheServicesMethods() {
        assertThatThrownBy(() -> this.client.call(ECHO, "Shout")).isInstanceOf(UnknownMethodException.class)
            .hasMessageContaining("no method 'Shout'")
            .hasMessageContaining("[Echo, Collect, Expand, Chat]");
    }

    @Test
    void malformedMethodNameIsRejected() {
        assertThatThrownBy(() -> this.client.call("Echo")).isInstanceOf(InvalidRequestException.class)
            .hasMessageContaining("package.Service/Method");
    }

    @Test
    void valueOfTheWrongTypeNamesTheField() {
        assertThatThrownBy(
                () -> this.client.call(ECHO, "Echo").request("{\"text\": \"x\", \"repeat\": \"many\"}").execute())
            .isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                assertThat(ex.getField()).isEqualTo("repeat");
                assertThat(ex.getRequestIndex()).isZero();
                assertThat(ex.getMessage()).contains("grpcops.client.test.v1.EchoRequest")
                    .contains("field 'repeat'")
                    .contains("many");
            });
    }

    @Test
    void unknownFieldIsNamed() {
        assertThatThrownBy(() -> this.client.call(ECHO, "Echo").request("{\"txt\": \"x\"}").execute())
            .isInstanceOfSatisfying(InvalidRequestException.class, ex -> assertThat(ex.getField()).isEqualTo("txt"));
    }

    @Test
    void malformedJsonIsReportedAsSuch() {
        assertThatThrownBy(() -> this.client.call(ECHO, "Echo").request("{\"text\": ").execute())
            .isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                assertThat(ex.getField()).isNull();
                assertThat(ex.getMessage()).contains("not valid JSON");
            });
    }

    @Test
    void badRequestInAStreamIsReportedWithItsIndex() {
        assertThatThrownBy(() -> this.client.call(ECHO, "Collect")
            .requests(List.of("{\"text\": \"fine\"}", "{\"count\": 1}"))
            .execute()).isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                assertThat(ex.getRequestIndex()).isEqualTo(1);
                assertThat(ex.getField()).isEqualTo("count");
            });
    }

    @Test
    void moreThanOneRequestForAUnaryMethodIsRejected() {
        assertThatThrownBy(() -> this.client.call(ECHO, "Echo").requests(List.of("{}", "{}")).execute())
            .isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                assertThat(ex.getMessage()).isEqualTo(ECHO + "/Echo is UNARY: it takes one request, not 2");
                assertThat(ex.getRequestIndex()).isEqualTo(1);
            });
    }

    @Test
    void invalidMetadataIsRejectedWithoutEchoingItsValue() {
        assertThatThrownBy(() -> this.client.call(ECHO, "Echo").metadata("bad name", "s3cret-token"))
            .isInstanceOf(InvalidRequestException.class)
            .hasMessageContaining("'bad name'")
            .satisfies(ex -> assertThat(ex.toString()).doesNotContain("s3cret-token"));
    }

    @Test
    void requestAboveTheLimitTheClientKnowsIsRejectedBeforeSending() {
        String huge = "{\"text\": \"" + "x".repeat(100 * 1024) + "\"}";
        int before = server.calls(ECHO + "/Echo");
        try (DynamicGrpcClient limited = server.client().maxRequestSize(64 * 1024).build()) {
            assertThatThrownBy(() -> limited.call(ECHO, "Echo").request(huge).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                    assertThat(ex.getRequestIndex()).isZero();
                    assertThat(ex.getMessage()).isEqualTo("Request 0 is 102404 bytes as protobuf, above the 65536 bytes "
                            + "the server accepts");
                });
        }
        assertThat(server.calls(ECHO + "/Echo")).isEqualTo(before);
    }
}
