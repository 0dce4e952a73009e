package io.github.grpcops.sample;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.apikey.NewApiKey;
import io.github.grpcops.client.ApiKeyClientInterceptor;
import io.github.grpcops.client.CallFailedException;
import io.github.grpcops.client.DynamicGrpcClient;
import io.github.grpcops.client.MethodDescription;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every method of the sample services, called with the dynamic client over the app's real Netty
 * server: no generated stubs, only what the server's reflection says.
 */
@SpringBootTest(properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
        "spring.main.banner-mode=off" })
@Import(GrpcTestClient.class)
class SampleDynamicClientTest {

    private static final String USERS = "sample.v1.UserService";

    private static final String PRODUCTS = "sample.v1.ProductService";

    private final ObjectMapper mapper = new ObjectMapper();

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    ApiKeyManager apiKeys;

    DynamicGrpcClient client;

    /** ImportProducts and UpdateUser need a caller, ListUsers needs staff: call as alice (staff). */
    @BeforeEach
    void connect() {
        String key = this.apiKeys.create(new NewApiKey("dynamic-client-tests", null, "user", "alice", null, null)).secret();
        this.client = DynamicGrpcClient.forAddress("127.0.0.1", this.grpc.port())
            .intercept(new ApiKeyClientInterceptor(key))
            .build();
    }

    @AfterEach
    void close() {
        this.client.close();
    }

    @Test
    void listsAndDescribesBothSampleServicesWithTheirCallTypes() {
        assertThat(this.client.listServices()).contains(USERS, PRODUCTS);
        assertThat(this.client.describe(USERS).methods()).extracting(MethodDescription::name, MethodDescription::type)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("GetUser", MethodType.UNARY),
                    org.assertj.core.groups.Tuple.tuple("UpdateUser", MethodType.UNARY),
                    org.assertj.core.groups.Tuple.tuple("ListUsers", MethodType.SERVER_STREAMING));
        assertThat(this.client.describe(PRODUCTS).methods()).extracting(MethodDescription::name, MethodDescription::type)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("SearchProducts", MethodType.SERVER_STREAMING),
                    org.assertj.core.groups.Tuple.tuple("ImportProducts", MethodType.CLIENT_STREAMING),
                    org.assertj.core.groups.Tuple.tuple("QuotePrices", MethodType.BIDI_STREAMING));
        assertThat(this.client.describe(PRODUCTS).methods().get(1).requestFields())
            .extracting(field -> field.name() + ":" + field.type())
            .containsExactly("id:int64", "sku:string", "name:string", "price_cents:int64", "stock:int32");
    }

    @Test
    void listUsersStreamsEveryUserAndFiltersActiveOnes() {
        List<JsonNode> all = json(this.client.call(USERS, "ListUsers").execute().messages());
        assertThat(all).extracting(user -> user.get("username").asText()).contains("alice", "bob", "carol");
        List<JsonNode> active = json(this.client.call(USERS, "ListUsers").request("{\"activeOnly\": true}").execute()
            .messages());
        assertThat(active).allSatisfy(user -> assertThat(user.get("active").asBoolean()).isTrue());
    }

    @Test
    void getUserReturnsOneUserAndNotFoundForAnUnknownId() {
        String aliceId = userId("alice");
        JsonNode alice = json(this.client.call(USERS, "GetUser").request("{\"id\": \"" + aliceId + "\"}").execute()
            .single());
        assertThat(alice.get("email").asText()).isEqualTo("alice@example.com");

        assertThatThrownBy(() -> this.client.call(USERS, "GetUser").request("{\"id\": 987654}").execute())
            .isInstanceOfSatisfying(CallFailedException.class, ex -> {
                assertThat(ex.getCode()).isEqualTo(Status.Code.NOT_FOUND);
                assertThat(ex.getDescription()).isEqualTo("No user with id 987654");
            });
    }

    @Test
    void updateUserChangesItAndRejectsAMalformedEmail() {
        String carolId = userId("carol");
        JsonNode updated = json(this.client.call(USERS, "UpdateUser")
            .request("{\"id\": \"" + carolId + "\", \"displayName\": \"Carol C.\", \"email\": \"carol@shop.example\"}")
            .execute()
            .single());
        assertThat(updated.get("displayName").asText()).isEqualTo("Carol C.");

        assertThatThrownBy(() -> this.client.call(USERS, "UpdateUser")
            .request("{\"id\": \"" + carolId + "\", \"displayName\": \"C\", \"email\": \"not-an-email\"}")
            .execute()).isInstanceOfSatisfying(CallFailedException.class, ex -> {
                assertThat(ex.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(ex.getDescription()).contains("email");
            });
    }

    @Test
    void searchProductsStreamsMatchesUpToTheLimit() {
        List<JsonNode> found = json(this.client.call(PRODUCTS, "SearchProducts")
            .request("{\"query\": \"o\", \"limit\": 2}")
            .execute()
            .messages());
        assertThat(found).hasSize(2)
            .allSatisfy(product -> assertThat(product.get("name").asText().toLowerCase()).contains("o"));
    }

    @Test
    void importProductsCountsCreatedUpdatedAndRejectedFromAClientStream() {
        JsonNode summary = json(this.client.call(PRODUCTS, "ImportProducts")
            .requests(List.of("{\"sku\": \"DYN-1\", \"name\": \"Dynamic widget\", \"priceCents\": \"500\", \"stock\": 3}",
                    "{\"sku\": \"KB-101\", \"name\": \"Mechanical keyboard\", \"priceCents\": \"8900\", \"stock\": 30}",
                    "{\"sku\": \"bad sku\", \"name\": \"x\"}"))
            .execute()
            .single());
        assertThat(summary.get("created").asInt()).isEqualTo(1);
        assertThat(summary.get("updated").asInt()).isEqualTo(1);
        assertThat(summary.get("rejected").asInt()).isEqualTo(1);
        assertThat(summary.get("errors").get(0).asText()).contains("bad sku");
    }

    @Test
    void quotePricesAnswersEachRequestOfTheBidiStream() {
        List<JsonNode> quotes = json(this.client.call(PRODUCTS, "QuotePrices")
            .requests(List.of("{\"sku\": \"MS-202\", \"quantity\": 2}", "{\"sku\": \"NOPE\", \"quantity\": 1}"))
            .execute()
            .messages());
        assertThat(quotes).hasSize(2);
        assertThat(quotes.get(0).get("totalCents").asText()).isEqualTo("5800");
        assertThat(quotes.get(0).get("available").asBoolean()).isTrue();
        assertThat(quotes.get(1).get("problem").asText()).isEqualTo("unknown sku");
    }

    private String userId(String username) {
        return json(this.client.call(USERS, "ListUsers").execute().messages()).stream()
            .filter(user -> user.get("username").asText().equals(username))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asText();
    }

    private List<JsonNode> json(List<String> messages) {
        return messages.stream().map(this::json).toList();
    }

    private JsonNode json(String message) {
        try {
            return this.mapper.readTree(message);
        }
        catch (JsonProcessingException ex) {
            throw new AssertionError(ex);
        }
    }
}
