package io.github.grpcops.client;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.client.test.EchoRequest;
import io.github.grpcops.client.test.EchoServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import static io.github.grpcops.client.TestServer.ECHO;

/**
 * What the dynamic client costs over a generated stub: the same echo calls on one local Netty server,
 * alternating rounds, reported as time per call and as a ratio. Not a test: run it by hand (see
 * docs/dynamic-client.md).
 */
public final class DynamicClientBenchmark {

    private static final int WARMUP = 3000;

    private static final int CALLS = 5000;

    private static final int ROUNDS = 5;

    private static final int STREAMED = 1000;

    private DynamicClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestServer server = TestServer.start(new EchoService(), TestServer.reflectionV1());
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try (DynamicGrpcClient client = DynamicGrpcClient.forChannel(channel)) {
            EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc.newBlockingStub(channel);
            EchoRequest request = EchoRequest.newBuilder().setText("benchmark payload").setRepeat(STREAMED).build();
            String json = "{\"text\": \"benchmark payload\", \"repeat\": " + STREAMED + "}";
            Runnable stubUnary = () -> stub.echo(request);
            Runnable dynamicUnary = () -> client.call(ECHO, "Echo").request(json).execute();
            Runnable stubStream = () -> stub.expand(request).forEachRemaining(reply -> {
            });
            Runnable dynamicStream = () -> client.call(ECHO, "Expand").request(json).execute();
            compare("unary Echo", stubUnary, dynamicUnary, CALLS);
            compare("server stream Expand, " + STREAMED + " replies", stubStream, dynamicStream, CALLS / 50);
        }
        finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.close();
        }
    }

    private static void compare(String name, Runnable stub, Runnable dynamic, int calls) {
        run(stub, WARMUP / (CALLS / calls));
        run(dynamic, WARMUP / (CALLS / calls));
        double[] stubMicros = new double[ROUNDS];
        double[] dynamicMicros = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            stubMicros[round] = run(stub, calls);
            dynamicMicros[round] = run(dynamic, calls);
        }
        double stubMedian = median(stubMicros);
        double dynamicMedian = median(dynamicMicros);
        System.out.printf("%-36s stub %9.1f us/call   dynamic %9.1f us/call   dynamic/stub %.2f%n", name, stubMedian,
                dynamicMedian, dynamicMedian / stubMedian);
    }

    /** Mean microseconds per call over {@code calls} sequential calls. */
    private static double run(Runnable call, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1000.0 / calls;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
