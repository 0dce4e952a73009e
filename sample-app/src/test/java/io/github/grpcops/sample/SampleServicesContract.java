package io.github.grpcops.sample;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.auth.apikey.ApiKeyAuthenticator;
import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.apikey.NewApiKey;
import io.github.grpcops.sample.api.GetUserRequest;
import io.github.grpcops.sample.api.ImportSummary;
import io.github.grpcops.sample.api.ListUsersRequest;
import io.github.grpcops.sample.api.Product;
import io.github.grpcops.sample.api.ProductServiceGrpc;
import io.github.grpcops.sample.api.Quote;
import io.github.grpcops.sample.api.QuoteRequest;
import io.github.grpcops.sample.api.SearchProductsRequest;
import io.github.grpcops.sample.api.UpdateUserRequest;
import io.github.grpcops.sample.api.User;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.github.grpcops.sample.product.ProductRepository;
import io.github.grpcops.sample.user.AppUserRepository;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.StreamingCalls;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sample app's services over a real Netty server, one test per method and call type; run against
 * each database by the subclasses. The app's own JPA repositories answering proves the starter left
 * its entity and repository scanning alone.
 */
abstract class SampleServicesContract {

    @Autowired
    GrpcTestClient client;

    @Autowired
    AppUserRepository users;

    @Autowired
    ProductRepository products;

    @Autowired
    ApiKeyManager apiKeys;

    Channel channel;

    /** Some methods need a caller, ListUsers needs staff: call as alice (staff) with an API key. */
    @BeforeEach
    void connect() {
        String key = this.apiKeys.create(new NewApiKey("contract-tests", null, "user", "alice", null, null)).secret();
        Metadata headers = new Metadata();
        headers.put(ApiKeyAuthenticator.HEADER, key);
        this.channel = ClientInterceptors.intercept(this.client.channel(),
                MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Test
    void getUserReturnsTheSeededUser() {
        long id = this.users.findByUsername("alice").orElseThrow().getId();
        User alice = UserServiceGrpc.newBlockingStub(this.channel).getUser(GetUserRequest.newBuilder().setId(id).build());
        assertThat(alice.getUsername()).isEqualTo("alice");
        assertThat(alice.getStaff()).isTrue();
    }

    @Test
    void getUnknownUserIsNotFound() {
        assertThatExceptionOfType(StatusRuntimeException.class)
            .isThrownBy(() -> UserServiceGrpc.newBlockingStub(this.channel)
                .getUser(GetUserRequest.newBuilder().setId(987654).build()))
            .satisfies(ex -> {
                assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                assertThat(ex.getStatus().getDescription()).isEqualTo("No user with id 987654");
            });
    }

    @Test
    void updateUserPersistsAndRejectsABadEmailWithoutWriting() {
        long id = this.users.findByUsername("carol").orElseThrow().getId();
        UserServiceGrpc.UserServiceBlockingStub stub = UserServiceGrpc.newBlockingStub(this.channel);
        User updated = stub.updateUser(UpdateUserRequest.newBuilder()
            .setId(id)
            .setDisplayName("Carol C.")
            .setEmail("carol@shop.example")
            .build());
        assertThat(updated.getDisplayName()).isEqualTo("Carol C.");
        assertThat(this.users.findById(id).orElseThrow().getEmail()).isEqualTo("carol@shop.example");

        assertThatExceptionOfType(StatusRuntimeException.class)
            .isThrownBy(() -> stub.updateUser(
                    UpdateUserRequest.newBuilder().setId(id).setDisplayName("X").setEmail("not-an-email").build()))
            .satisfies(ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(this.users.findById(id).orElseThrow().getDisplayName()).isEqualTo("Carol C.");
    }

    @Test
    void listUsersStreamsEveryUser() {
        Iterator<User> stream = UserServiceGrpc.newBlockingStub(this.channel).listUsers(ListUsersRequest.getDefaultInstance());
        List<String> names = new ArrayList<>();
        stream.forEachRemaining(u -> names.add(u.getUsername()));
        assertThat(names).contains("alice", "bob", "carol").hasSize((int) this.users.count());
    }

    @Test
    void listUsersStopsWhenTheClientDeadlinePasses() {
        assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> {
            Iterator<User> stream = UserServiceGrpc.newBlockingStub(this.channel)
                .withDeadlineAfter(1, TimeUnit.NANOSECONDS)
                .listUsers(ListUsersRequest.getDefaultInstance());
            stream.forEachRemaining(u -> { });
        }).satisfies(ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    }

    @Test
    void searchProductsStreamsMatchesUpToTheLimit() {
        List<String> skus = new ArrayList<>();
        ProductServiceGrpc.newBlockingStub(this.channel)
            .searchProducts(SearchProductsRequest.newBuilder().setQuery("MOUSE").build())
            .forEachRemaining(p -> skus.add(p.getSku()));
        assertThat(skus).containsExactly("MS-202");

        List<Product> limited = new ArrayList<>();
        ProductServiceGrpc.newBlockingStub(this.channel)
            .searchProducts(SearchProductsRequest.newBuilder().setQuery("").setLimit(2).build())
            .forEachRemaining(limited::add);
        assertThat(limited).hasSize(2);
    }

    @Test
    void importProductsCreatesUpdatesAndRejectsPerMessage() {
        List<Product> batch = List.of(product("NEW-1", "Desk lamp", 3900, 10), product("KB-101", "Keyboard v2", 9900, 5),
                product("bad sku!", "Broken", 1, 1), product("NEW-2", "", 100, 1));
        ImportSummary summary = StreamingCalls.exchange(batch,
                ProductServiceGrpc.newStub(this.channel)::importProducts)
            .get(0);
        assertThat(summary.getCreated()).isEqualTo(1);
        assertThat(summary.getUpdated()).isEqualTo(1);
        assertThat(summary.getRejected()).isEqualTo(2);
        assertThat(summary.getErrorsList()).anyMatch(e -> e.contains("bad sku!"));
        assertThat(this.products.findBySku("NEW-1")).isPresent();
        assertThat(this.products.findBySku("KB-101").orElseThrow().getPriceCents()).isEqualTo(9900);
        assertThat(this.products.findBySku("NEW-2")).isEmpty();
    }

    @Test
    void quotePricesAnswersEachRequestInTheBidiStream() {
        List<QuoteRequest> requests = List.of(quote("MS-202", 3), quote("NOPE-1", 1), quote("HS-505", 1),
                quote("CB-404", 0));
        List<Quote> quotes = StreamingCalls.exchange(requests,
                ProductServiceGrpc.newStub(this.channel)::quotePrices);
        assertThat(quotes).hasSize(4);
        assertThat(quotes.get(0).getTotalCents()).isEqualTo(3 * 2900);
        assertThat(quotes.get(0).getAvailable()).isTrue();
        assertThat(quotes.get(1).getProblem()).isEqualTo("unknown sku");
        assertThat(quotes.get(2).getAvailable()).as("out of stock").isFalse();
        assertThat(quotes.get(3).getProblem()).isEqualTo("quantity must be positive");
    }

    private static Product product(String sku, String name, long price, int stock) {
        return Product.newBuilder().setSku(sku).setName(name).setPriceCents(price).setStock(stock).build();
    }

    private static QuoteRequest quote(String sku, int quantity) {
        return QuoteRequest.newBuilder().setSku(sku).setQuantity(quantity).build();
    }
}
