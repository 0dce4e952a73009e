package io.github.grpcops.sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.grpcops.sample.api.ListUsersRequest;
import io.github.grpcops.sample.api.UpdateUserRequest;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.github.grpcops.sample.user.AppUserRepository;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's development path: the dev profile prints a working token and registers a known key. */
@SpringBootTest(properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
        "sample.dev.token-for=alice", "sample.dev.api-key=" + DevProfileTest.KEY })
@ActiveProfiles("dev")
@Import(SampleTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class DevProfileTest {

    static final String KEY = "gops_devProfileTestKey0123456789abcdefghijklmnop";

    @Autowired
    GrpcTestClient client;

    @Autowired
    AppUserRepository users;

    private UserServiceGrpc.UserServiceBlockingStub with(String header, String value) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
        return UserServiceGrpc.newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Test
    void printedTokenCallsTheStaffOnlyMethodAsAlice(CapturedOutput output) {
        Matcher token = Pattern.compile("Development token for alice \\(valid 1 hour\\):\\R(\\S+)")
            .matcher(output.getOut());
        assertThat(token.find()).as("token printed").isTrue();
        assertThat(with("authorization", "Bearer " + token.group(1)).listUsers(ListUsersRequest.getDefaultInstance())
            .hasNext()).isTrue();
    }

    @Test
    void registeredKeyAuthenticatesAsBob() {
        long id = this.users.findByUsername("bob").orElseThrow().getId();
        assertThat(with("x-api-key", KEY).updateUser(UpdateUserRequest.newBuilder()
            .setId(id)
            .setDisplayName("Bob the Builder")
            .setEmail("bob@example.com")
            .build()).getDisplayName()).isEqualTo("Bob the Builder");
    }
}
