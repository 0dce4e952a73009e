package io.github.grpcops.sample.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.grpcops.sample.api.GetUserRequest;
import io.github.grpcops.sample.api.User;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator against a real server whose GetUser answers nothing for the first 700 ms of the
 * interval, then at once: the closed loop waits with its callers, the open loop keeps starting calls at
 * its rate and counts each one's wait from its scheduled start.
 */
class LoadGeneratorTest {

    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(700);

    private final AtomicInteger received = new AtomicInteger();

    /** Calls that arrived while the server stalled. */
    private final AtomicInteger receivedInStall = new AtomicInteger();

    private volatile long stallUntil;

    private Server server;

    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new StallingUserService())
            .build()
            .start();
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.server.getPort()).usePlaintext().build();
        // Connected and warm before the stall starts, so the stall is the only wait measured.
        UserServiceGrpc.newBlockingStub(this.channel).getUser(GetUserRequest.newBuilder().setId(1).build());
        this.received.set(0);
    }

    @AfterEach
    void stop() throws InterruptedException {
        this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void openLoopKeepsItsRateThroughAStallAndCountsTheWaitFromEachScheduledStart() throws Exception {
        Histogram latencies = measure(new LoadGenerator(this.channel, BenchMethod.GET_USER, 16, 200));

        // 200 calls/s for one second: 140 of them scheduled inside the stall, started anyway (the bound leaves
        // room for a test JVM that pauses the generator for a while).
        assertThat(this.receivedInStall.get()).isGreaterThanOrEqualTo(40);
        assertThat(this.received.get()).isBetween(150, 201);
        // Calls due in the stall's first half waited at least 100 ms from their scheduled start.
        long waitedLong = latencies.getCountBetweenValues(TimeUnit.MILLISECONDS.toNanos(100), Long.MAX_VALUE);
        assertThat(waitedLong).isGreaterThanOrEqualTo(30);
        assertThat(latencies.getMaxValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
    }

    @Test
    void closedLoopStartsNoCallWhileItsCallersWait() throws Exception {
        Histogram latencies = measure(new LoadGenerator(this.channel, BenchMethod.GET_USER, 2, 0));

        // Both callers' first calls took the stall; no third call began before they closed.
        assertThat(this.receivedInStall.get()).isEqualTo(2);
        assertThat(latencies.getMaxValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(latencies.getTotalCount()).isGreaterThan(2);
    }

    @Test
    void warmUpRunsTheClosedLoopWhateverTheRate() throws Exception {
        this.stallUntil = System.nanoTime() + STALL_NANOS;
        new LoadGenerator(this.channel, BenchMethod.GET_USER, 2, 200).warmUp(Duration.ofSeconds(1), OptionalLong::empty);

        assertThat(this.receivedInStall.get()).isEqualTo(2);
    }

    private Histogram measure(LoadGenerator generator) throws InterruptedException {
        this.stallUntil = System.nanoTime() + STALL_NANOS;
        return generator.run(Duration.ofSeconds(1), OptionalLong::empty).latencies();
    }

    private final class StallingUserService extends UserServiceGrpc.UserServiceImplBase {

        @Override
        public void getUser(GetUserRequest request, StreamObserver<User> responses) {
            LoadGeneratorTest.this.received.incrementAndGet();
            long wait = LoadGeneratorTest.this.stallUntil - System.nanoTime();
            if (wait > 0) {
                LoadGeneratorTest.this.receivedInStall.incrementAndGet();
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            responses.onNext(User.newBuilder().setId(request.getId()).build());
            responses.onCompleted();
        }
    }
}
