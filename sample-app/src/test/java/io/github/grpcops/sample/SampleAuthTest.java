package io.github.grpcops.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.List;

import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.apikey.CreatedApiKey;
import io.github.grpcops.auth.apikey.NewApiKey;
import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.requestlog.GrpcRequestLogRepository;
import io.github.grpcops.sample.api.GetUserRequest;
import io.github.grpcops.sample.api.ListUsersRequest;
import io.github.grpcops.sample.api.SearchProductsRequest;
import io.github.grpcops.sample.api.UpdateUserRequest;
import io.github.grpcops.sample.api.User;
import io.github.grpcops.sample.api.ProductServiceGrpc;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.github.grpcops.sample.user.AppUser;
import io.github.grpcops.sample.user.AppUserRepository;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The sample's policy over real Netty: GetUser and SearchProducts public, UpdateUser for any signed-in
 * user, ListUsers for staff only; callers resolved to the app's own users.
 */
@SpringBootTest(properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
        "grpc.auth.jwt.secret=" + SampleAuthTest.SECRET })
@Import(SampleTestConfiguration.class)
class SampleAuthTest {

    static final String SECRET = "sample-test-secret-0123456789-abcdef";

    @Autowired
    GrpcTestClient client;

    @Autowired
    AppUserRepository users;

    @Autowired
    ApiKeyManager apiKeys;

    @Autowired
    GrpcRequestLogRepository requestLog;

    private UserServiceGrpc.UserServiceBlockingStub usersAs(String username) {
        String token = Jwts.builder()
            .subject(username)
            .expiration(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
            .signWith(Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
            .compact();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return UserServiceGrpc.newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static long count(Iterator<User> users) {
        long n = 0;
        while (users.hasNext()) {
            users.next();
            n++;
        }
        return n;
    }

    private static void assertStatus(Runnable call, Status.Code code) {
        assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(call::run)
            .satisfies(ex -> assertThat(ex.getStatus().getCode()).isEqualTo(code));
    }

    @Test
    void publicMethodsNeedNoCredential() {
        long id = this.users.findByUsername("bob").orElseThrow().getId();
        assertThat(UserServiceGrpc.newBlockingStub(this.client.channel())
            .getUser(GetUserRequest.newBuilder().setId(id).build())
            .getUsername()).isEqualTo("bob");
        assertThat(ProductServiceGrpc.newBlockingStub(this.client.channel())
            .searchProducts(SearchProductsRequest.newBuilder().setQuery("o").build())
            .hasNext()).isTrue();
    }

    @Test
    void staffOnlyListUsersAdmitsStaffAndRefusesOthers() {
        assertThat(count(usersAs("alice").listUsers(ListUsersRequest.getDefaultInstance()))).isEqualTo(this.users.count());
        assertStatus(() -> count(usersAs("bob").listUsers(ListUsersRequest.getDefaultInstance())),
                Status.Code.PERMISSION_DENIED);
        assertStatus(() -> count(UserServiceGrpc.newBlockingStub(this.client.channel())
            .listUsers(ListUsersRequest.getDefaultInstance())), Status.Code.UNAUTHENTICATED);
    }

    @Test
    void refusedCallOfAValidApiKeyIsLoggedWithItsCaller() {
        CreatedApiKey key = this.apiKeys.create(new NewApiKey("bobs-laptop", null, "user", "bob", null, "bob"));
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), key.secret());
        headers.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), "bob-lists-users");
        UserServiceGrpc.UserServiceBlockingStub bob = UserServiceGrpc.newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));

        assertStatus(() -> count(bob.listUsers(ListUsersRequest.getDefaultInstance())), Status.Code.PERMISSION_DENIED);

        List<GrpcRequestLog> rows = await().until(() -> this.requestLog.findByRequestId("bob-lists-users"),
                found -> !found.isEmpty());
        GrpcRequestLog row = rows.get(0);
        assertThat(row.getGrpcStatus()).isEqualTo("PERMISSION_DENIED");
        assertThat(row.isAuthenticated()).isTrue();
        assertThat(row.getPrincipalName()).isEqualTo("bob");
        assertThat(row.getAuthMethod()).isEqualTo("api-key");
        assertThat(row.getApiKeyId()).isEqualTo(key.key().getId().toString());
    }

    @Test
    void authenticatedUpdateUserNeedsACaller() {
        long id = this.users.findByUsername("bob").orElseThrow().getId();
        UpdateUserRequest update = UpdateUserRequest.newBuilder()
            .setId(id)
            .setDisplayName("Bob B.")
            .setEmail("bob@example.com")
            .build();
        assertStatus(() -> UserServiceGrpc.newBlockingStub(this.client.channel()).updateUser(update),
                Status.Code.UNAUTHENTICATED);
        assertThat(usersAs("bob").updateUser(update).getDisplayName()).isEqualTo("Bob B.");
    }

    @Test
    void unknownOrInactiveUsersAreUnauthenticated() {
        assertStatus(() -> usersAs("nobody").updateUser(UpdateUserRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED);
        AppUser dave = new AppUser("dave-inactive", "dave@example.com", "Dave", true);
        dave.setActive(false);
        this.users.save(dave);
        assertStatus(() -> count(usersAs("dave-inactive").listUsers(ListUsersRequest.getDefaultInstance())),
                Status.Code.UNAUTHENTICATED);
    }
}
