package io.github.grpcops.status.actuate;

import io.github.grpcops.status.ServerSnapshot;
import io.github.grpcops.status.ServerStatusTracker;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * {@code /actuator/info} gets {@code grpc}: this instance's id and port, its services and their methods with
 * their call types (grpc-spring-boot-starter's own {@code grpc.server} entry, present with Micrometer, lists method
 * names only).
 */
class GrpcServerInfoContributor implements InfoContributor {

    private final ServerStatusTracker tracker;

    GrpcServerInfoContributor(ServerStatusTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void contribute(Info.Builder builder) {
        ServerSnapshot self = this.tracker.current();
        if (self == null) {
            return;
        }
        builder.withDetail("grpc", new ServerStatusViews.Info(self.instanceId(), self.port(), self.services()));
    }
}
