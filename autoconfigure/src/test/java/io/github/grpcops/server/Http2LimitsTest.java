package io.github.grpcops.server;

import java.io.UncheckedIOException;
import java.time.Duration;

import io.github.grpcops.requestlog.RequestLogWriter;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.RawHttp2;
import io.github.grpcops.test.RawHttp2.GoAway;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/2 limits on by default, against a real Netty server, with frames written by hand: a rapid-reset
 * flood, more streams than the advertised limit, a ping flood and an oversized header block each end the
 * way the pipeline guide says, and the server keeps serving other connections.
 */
@EchoServerTest
class Http2LimitsTest {

    private static final String ECHO = "/grpcops.test.v1.EchoService/Echo";

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    GrpcTestClient client;

    @Autowired
    RequestLogWriter requestLog;

    @AfterEach
    void serverStillServes() {
        assertThat(EchoServiceGrpc.newBlockingStub(this.client.channel()).echo(EchoCalls.text("ok")).getText())
            .isEqualTo("ok");
    }

    @Test
    void rapidResetFloodIsClosedWithGoAwayAndLeavesAtMostTheAllowedCallsBehind() throws Exception {
        long offeredBefore = this.requestLog.counts().accounted();
        int sent = 0;
        try (RawHttp2 connection = RawHttp2.connect(this.client.port())) {
            try {
                for (int i = 0; i < 5_000; i++) {
                    int stream = 2 * i + 1;
                    connection.headers(stream, RawHttp2.grpcRequest(ECHO), false);
                    connection.rstStream(stream, RawHttp2.CANCEL);
                    sent++;
                }
            }
            catch (UncheckedIOException closedUnderUs) {
                // the server closed the connection while the flood was still being written
            }
            GoAway goAway = connection.awaitGoAway(WAIT);
            assertThat(goAway).as("GOAWAY after %d HEADERS+RST_STREAM pairs", sent).isNotNull();
            assertThat(goAway.errorCode()).isEqualTo(RawHttp2.ENHANCE_YOUR_CALM);
            assertThat(goAway.debugData()).isEqualTo("too_many_rststreams");
            assertThat(connection.awaitClosed(WAIT)).isTrue();
        }
        // Each stream that got as far as a call is one row: the limit's 1,000, not the flood's 5,000.
        Thread.sleep(500);
        assertThat(this.requestLog.counts().accounted() - offeredBefore).isLessThanOrEqualTo(1001);
    }

    @Test
    void advertisesTheConcurrentStreamLimitAndRefusesStreamsBeyondIt() throws Exception {
        try (RawHttp2 connection = RawHttp2.connect(this.client.port())) {
            assertThat(connection.serverSetting(RawHttp2.SETTINGS_MAX_CONCURRENT_STREAMS, WAIT)).isEqualTo(1000L);
            // Unary calls whose request never comes stay open.
            for (int i = 0; i < 1001; i++) {
                connection.headers(2 * i + 1, RawHttp2.grpcRequest(ECHO), false);
            }
            RawHttp2.StreamEnd refused = connection.awaitEnd(2 * 1000 + 1, WAIT);
            assertThat(refused).isNotNull();
            assertThat(refused.resetCode()).isEqualTo(0x7); // REFUSED_STREAM
            assertThat(connection.awaitEnd(2 * 999 + 1, Duration.ofMillis(200))).as("the 1000th stream is open")
                .isNull();
            assertThat(connection.awaitGoAway(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void pingFloodIsClosedWithGoAwayByKeepaliveEnforcement() throws Exception {
        try (RawHttp2 connection = RawHttp2.connect(this.client.port())) {
            for (int i = 0; i < 10; i++) {
                connection.ping(i);
            }
            GoAway goAway = connection.awaitGoAway(WAIT);
            assertThat(goAway).isNotNull();
            assertThat(goAway.errorCode()).isEqualTo(RawHttp2.ENHANCE_YOUR_CALM);
            assertThat(goAway.debugData()).isEqualTo("too_many_pings");
        }
    }

    @Test
    void headerBlockFarAboveTheMetadataLimitClosesTheConnection() throws Exception {
        try (RawHttp2 connection = RawHttp2.connect(this.client.port())) {
            connection.headers(1, RawHttp2.grpcRequest(ECHO, "x-filler", "a".repeat(20 * 1024)), false);
            GoAway goAway = connection.awaitGoAway(WAIT);
            assertThat(goAway).isNotNull();
            assertThat(goAway.errorCode()).isNotZero();
            assertThat(connection.awaitClosed(WAIT)).isTrue();
        }
    }
}
