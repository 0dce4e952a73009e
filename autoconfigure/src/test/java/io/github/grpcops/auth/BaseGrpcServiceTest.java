package io.github.grpcops.auth;

import java.util.List;
import java.util.function.Function;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code require*} checks of {@link BaseGrpcService} as service code sees them: against the
 * principal in the gRPC Context, which the pipeline puts there (the Netty tests prove that part).
 */
class BaseGrpcServiceTest {

    private final BaseGrpcService service = new BaseGrpcService() {
    };

    private static final GrpcPrincipal USER = GrpcPrincipal.builder("u1", AuthenticationMethod.JWT)
        .authorities(List.of("reports:read"))
        .build();

    private static final GrpcPrincipal STAFF = GrpcPrincipal.builder("s1", AuthenticationMethod.JWT).staff(true).build();

    private static final GrpcPrincipal SUPERUSER = GrpcPrincipal.builder("root", AuthenticationMethod.API_KEY)
        .superuser(true)
        .build();

    @Test
    void anonymousCallerIsUnauthenticatedForEveryRequirement() {
        for (Function<BaseGrpcService, GrpcPrincipal> check : List.<Function<BaseGrpcService, GrpcPrincipal>>of(
                BaseGrpcService::requireUser, BaseGrpcService::requireStaff, BaseGrpcService::requireSuperuser,
                s -> s.requireAuthority("reports:read"))) {
            assertThat(failure(null, check).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        assertThat(as(null, BaseGrpcService::optionalUser)).isEmpty();
    }

    @Test
    void staffAndSuperuserChecksFollowThePrincipalsFlags() {
        assertThat(passes(STAFF, BaseGrpcService::requireStaff)).isSameAs(STAFF);
        assertThat(passes(SUPERUSER, BaseGrpcService::requireSuperuser)).isSameAs(SUPERUSER);
        assertThat(failure(USER, BaseGrpcService::requireStaff).getStatus().getCode())
            .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(STAFF, BaseGrpcService::requireSuperuser).getStatus().getCode())
            .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void authorityIsGrantedByHoldingItOrBeingSuperuser() {
        assertThat(passes(USER, s -> s.requireAuthority("reports:read"))).isSameAs(USER);
        assertThat(passes(SUPERUSER, s -> s.requireAuthority("reports:read"))).isSameAs(SUPERUSER);
        StatusRuntimeException denied = failure(USER, s -> s.requireAuthority("reports:write"));
        assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(denied.getStatus().getDescription()).isEqualTo(AuthenticationServerInterceptor.PERMISSION_DENIED);
    }

    private <T> T as(GrpcPrincipal principal, Function<BaseGrpcService, T> check) {
        Context context = (principal != null) ? GrpcPrincipal.with(Context.current(), principal) : Context.ROOT;
        Context previous = context.attach();
        try {
            return check.apply(this.service);
        }
        finally {
            context.detach(previous);
        }
    }

    private GrpcPrincipal passes(GrpcPrincipal principal, Function<BaseGrpcService, GrpcPrincipal> check) {
        return as(principal, check);
    }

    private StatusRuntimeException failure(GrpcPrincipal principal, Function<BaseGrpcService, GrpcPrincipal> check) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class,
                () -> as(principal, check));
    }
}
