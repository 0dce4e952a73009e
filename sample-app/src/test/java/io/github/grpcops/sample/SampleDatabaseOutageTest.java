package io.github.grpcops.sample;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

import com.google.rpc.RetryInfo;
import io.github.grpcops.errors.DatabaseUnavailableMapper;
import io.github.grpcops.sample.api.GetUserRequest;
import io.github.grpcops.sample.api.Product;
import io.github.grpcops.sample.api.ProductServiceGrpc;
import io.github.grpcops.sample.api.SearchProductsRequest;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.github.grpcops.sample.user.AppUserRepository;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.postgres.RestartablePostgres;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The sample app's own services (JPA on PostgreSQL) while the database is stopped mid-run: callers get
 * {@code UNAVAILABLE} with a {@code RetryInfo}, the code retry policies retry, instead of
 * {@code INTERNAL}; the outage is logged once a minute with a count, never a stack trace per call; and
 * the same calls succeed once the database is back.
 */
@SpringBootTest(properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
        "grpc.jdbc.initialize-schema=always", "spring.datasource.hikari.connection-timeout=1000" })
@ActiveProfiles("postgres")
@Import(SampleTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class SampleDatabaseOutageTest {

    private static RestartablePostgres postgres;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws IOException {
        postgres = new RestartablePostgres();
        postgres.start();
        URI location = URI.create(postgres.url().substring("jdbc:".length()));
        registry.add("POSTGRES_HOST", location::getHost);
        registry.add("POSTGRES_PORT", location::getPort);
        registry.add("POSTGRES_DB", () -> location.getPath().substring(1));
        registry.add("POSTGRES_USER", postgres::username);
        registry.add("POSTGRES_PASSWORD", postgres::password);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.stop();
    }

    @Autowired
    GrpcTestClient client;

    @Autowired
    AppUserRepository users;

    @Test
    void databaseStoppedMidRunReachesCallersAsUnavailableWithRetryInfoLoggedOnce(CapturedOutput output)
            throws Exception {
        ManagedChannel channel = this.client.channel();
        long alice = this.users.findByUsername("alice").orElseThrow().getId();
        GetUserRequest getAlice = GetUserRequest.newBuilder().setId(alice).build();
        assertThat(UserServiceGrpc.newBlockingStub(channel).getUser(getAlice).getUsername()).isEqualTo("alice");

        postgres.stop();
        try {
            for (int i = 0; i < 20; i++) {
                StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
                        () -> UserServiceGrpc.newBlockingStub(channel).getUser(getAlice));
                assertUnavailable(failure);
                StatusRuntimeException streaming = catchThrowableOfType(StatusRuntimeException.class,
                        () -> drain(ProductServiceGrpc.newBlockingStub(channel)
                            .searchProducts(SearchProductsRequest.newBuilder().setQuery("key").build())));
                assertUnavailable(streaming);
            }
        }
        finally {
            postgres.start();
        }
        List<String> lines = output.getAll().lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("failed with UNAVAILABLE (DATABASE_UNAVAILABLE)"))
            .as("40 failed calls of two methods: at most one line per kind of failure")
            .hasSizeBetween(1, 4);
        assertThat(lines).filteredOn(line -> line.contains("ErrorMappingServerInterceptor") && line.contains("INTERNAL"))
            .isEmpty();
        // Error mapping's lines carry no stack trace. (Spring's transaction interceptor logs its own, with
        // the failure a failed rollback overrode: the application's transaction, not grpc-ops' log.)
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).matches("^\\d{4}-.*") && lines.get(i).contains("ErrorMappingServerInterceptor")) {
                assertThat(lines.get(i + 1)).as("the line after %s", lines.get(i)).matches("^(\\d{4}-|\\[).*");
            }
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .until(() -> UserServiceGrpc.newBlockingStub(channel).getUser(getAlice).getUsername().equals("alice"));
    }

    private static void assertUnavailable(StatusRuntimeException failure) {
        assertThat(failure).as("the call failed").isNotNull();
        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(failure.getStatus().getDescription()).isEqualTo("The service is temporarily unavailable");
        ErrorDetails.assertErrorInfo(failure, DatabaseUnavailableMapper.REASON, "grpc-ops-sample",
                ErrorDetails.errorInfo(failure).getMetadataOrThrow("requestId"));
        RetryInfo retry = ErrorDetails.detail(failure, RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(1);
    }

    private static void drain(Iterator<Product> products) {
        products.forEachRemaining(product -> {
        });
    }
}
