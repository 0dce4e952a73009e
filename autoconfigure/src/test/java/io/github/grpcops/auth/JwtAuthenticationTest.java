package io.github.grpcops.auth;

import java.util.List;
import java.util.Map;

import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.auth.probe.CallAttributesProbe;
import io.github.grpcops.auth.probe.Invocations;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.auth.probe.api.LockedProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoReply;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JWT end to end over real Netty with the default policy (require-auth off): the principal reaches every
 * callback of every call type, the request-log seam records it, and annotations and
 * {@link AuthRequiredService} are enforced before service code runs.
 */
@AuthProbeTest
class JwtAuthenticationTest {

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    CallAttributesProbe attributes;

    @Autowired
    Invocations invocations;

    private ProbeClient as(String subject, Map<String, ?> claims) {
        return new ProbeClient(this.grpc.channel(), ProbeClient.bearer(TestTokens.hs256(subject, claims)));
    }

    @Test
    void principalIsVisibleInEveryCallbackOfEveryCallType() {
        ProbeClient alice = as("alice", Map.of("name", "Alice", "roles", List.of("reports:read", "orders:write")));
        WhoReply unary = alice.who();
        assertThat(unary.getPrincipalId()).isEqualTo("alice");
        assertThat(unary.getPrincipalName()).isEqualTo("Alice");
        assertThat(unary.getMethod()).isEqualTo("jwt");
        assertThat(unary.getAuthoritiesList()).containsExactly("orders:write", "reports:read");
        assertThat(alice.expand(3)).extracting(WhoReply::getSeen).containsExactly("alice", "alice", "alice");
        // client stream: the start, each of 3 messages and the half-close all see the caller
        assertThat(alice.collect(3)).singleElement().extracting(WhoReply::getSeen)
            .isEqualTo("alice,alice,alice,alice,alice");
        assertThat(alice.chat(2)).extracting(WhoReply::getSeen).containsExactly("alice", "alice", "alice");
    }

    @Test
    void anonymousCallsPassWhenAuthIsNotRequiredAndSeeNoPrincipal() {
        ProbeClient anonymous = new ProbeClient(this.grpc.channel(), new Metadata());
        assertThat(anonymous.who().getSeen()).isEqualTo("-");
        assertThat(anonymous.collect(1)).singleElement().extracting(WhoReply::getSeen).isEqualTo("-,-,-");
    }

    @Test
    void requestLogSeamRecordsPrincipalAndMethodButNoCredential() {
        String token = TestTokens.hs256("carol", Map.of("name", "Carol"));
        new ProbeClient(this.grpc.channel(), ProbeClient.bearer(token)).who();
        CallAttributesProbe.Recorded recorded = this.attributes.recorded().get(this.attributes.recorded().size() - 1);
        assertThat(recorded).isEqualTo(new CallAttributesProbe.Recorded("grpcops.test.auth.v1.AuthProbe/Who",
                Status.Code.OK, true, "carol", "Carol", "jwt", null));
        assertThat(recorded.toString()).doesNotContain(token);
    }

    @Test
    void requestLogSeamRecordsTheCallerOfACallRefusedWithPermissionDenied() {
        assertStatus(() -> as("bob", Map.of("name", "Bob")).blocking().staffWho(WhoRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "Permission denied");
        CallAttributesProbe.Recorded recorded = this.attributes.recorded().get(this.attributes.recorded().size() - 1);
        assertThat(recorded).isEqualTo(new CallAttributesProbe.Recorded("grpcops.test.auth.v1.AuthProbe/StaffWho",
                Status.Code.PERMISSION_DENIED, true, "bob", "Bob", "jwt", null));
    }

    @Test
    void staffMethodAdmitsStaffAndDeniesOthersBeforeServiceCode() {
        assertThat(as("sam", Map.of("staff", true)).blocking().staffWho(WhoRequest.getDefaultInstance())
            .getPrincipalId()).isEqualTo("sam");
        int before = this.invocations.count();
        assertStatus(() -> as("bob", Map.of()).blocking().staffWho(WhoRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "Permission denied");
        assertStatus(() -> new ProbeClient(this.grpc.channel(), new Metadata()).blocking()
            .staffWho(WhoRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED, "Authentication required");
        assertThat(this.invocations.count()).isEqualTo(before);
    }

    @Test
    void superuserPassesEveryRuleAndOnlySuperusersPassTheSuperuserRule() {
        ProbeClient root = as("root", Map.of("superuser", true));
        assertThat(root.blocking().superuserWho(WhoRequest.getDefaultInstance()).getPrincipalId()).isEqualTo("root");
        assertThat(root.blocking().staffWho(WhoRequest.getDefaultInstance()).getPrincipalId()).isEqualTo("root");
        assertThat(root.blocking().reportsWho(WhoRequest.getDefaultInstance()).getPrincipalId()).isEqualTo("root");
        assertStatus(() -> as("sam", Map.of("staff", true)).blocking().superuserWho(WhoRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "Permission denied");
    }

    @Test
    void authorityMethodNeedsTheAuthorityFromTheRolesClaim() {
        assertThat(as("rita", Map.of("roles", "reports:read other")).blocking()
            .reportsWho(WhoRequest.getDefaultInstance())
            .getPrincipalId()).isEqualTo("rita");
        assertStatus(() -> as("otto", Map.of("roles", List.of("other"))).blocking()
            .reportsWho(WhoRequest.getDefaultInstance()), Status.Code.PERMISSION_DENIED, "Permission denied");
    }

    @Test
    void authRequiredServiceRejectsAnonymousCallsExceptItsPublicMethod() {
        int before = this.invocations.count();
        LockedProbeGrpc.LockedProbeBlockingStub anonymous = LockedProbeGrpc.newBlockingStub(this.grpc.channel());
        assertStatus(() -> anonymous.who(WhoRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED,
                "Authentication required");
        assertThat(this.invocations.count()).isEqualTo(before);
        assertThat(anonymous.openWho(WhoRequest.getDefaultInstance()).getSeen()).isEqualTo("-");
        LockedProbeGrpc.LockedProbeBlockingStub dave = anonymous.withInterceptors(
                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(
                        ProbeClient.bearer(TestTokens.hs256("dave", Map.of()))));
        assertThat(dave.who(WhoRequest.getDefaultInstance()).getSeen()).isEqualTo("dave");
    }

    @Test
    void internalKeyAuthenticatesAsTheConfiguredPrincipalWithoutSuperuser() {
        ProbeClient internal = new ProbeClient(this.grpc.channel(),
                ProbeClient.header("x-internal-key", TestTokens.INTERNAL_KEY));
        WhoReply reply = internal.blocking().reportsWho(WhoRequest.getDefaultInstance());
        assertThat(reply.getPrincipalId()).isEqualTo("internal-service");
        assertThat(reply.getMethod()).isEqualTo("internal-key");
        assertStatus(() -> internal.blocking().superuserWho(WhoRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "Permission denied");
    }

    @Test
    void userTheResolverRefusesIsUnauthenticatedAndAFailingResolverIsUnavailable() {
        int before = this.invocations.count();
        assertStatus(() -> as("refused", Map.of()).who(), Status.Code.UNAUTHENTICATED, "Invalid credentials");
        assertStatus(() -> as("db-down", Map.of()).who(), Status.Code.UNAVAILABLE,
                "Authentication is temporarily unavailable");
        assertThat(this.invocations.count()).isEqualTo(before);
    }

    static void assertStatus(Runnable call, Status.Code code, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
            assertThat(ex.getStatus().getCode()).isEqualTo(code);
            assertThat(ex.getStatus().getDescription()).isEqualTo(description);
        });
    }
}
