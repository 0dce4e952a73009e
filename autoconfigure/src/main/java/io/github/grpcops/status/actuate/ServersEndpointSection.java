package io.github.grpcops.status.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.grpcops.actuate.DatabaseReads;
import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.actuate.GrpcEndpointSection.Operation;
import io.github.grpcops.status.GrpcServerStatusRepository;
import io.github.grpcops.status.GrpcStatusProperties;
import io.github.grpcops.status.Liveness;
import io.github.grpcops.status.actuate.ServerStatusViews.Server;
import io.github.grpcops.status.actuate.ServerStatusViews.ServersOverview;

/**
 * {@code /actuator/grpc/servers}: every instance in the shared database with its derived
 * {@link Liveness} (filter {@code status} by liveness); {@code /servers/{instanceId}} one of them; in
 * the overview, how many instances are in each liveness. A database that does not answer is a 503.
 */
class ServersEndpointSection implements GrpcEndpointSection {

    private static final String TABLE = "The server status table";

    /** Filters by liveness. */
    private static final String STATUS = "status";

    private final GrpcServerStatusRepository repository;

    private final Duration staleAfter;

    ServersEndpointSection(GrpcServerStatusRepository repository, GrpcStatusProperties properties) {
        this.repository = repository;
        this.staleAfter = properties.effectiveStaleAfter();
    }

    @Override
    public String name() {
        return "servers";
    }

    @Override
    public Set<String> parameters(Operation operation) {
        return (operation == Operation.READ) ? Set.of(STATUS) : Set.of();
    }

    @Override
    public Object overview(EndpointParameters parameters) {
        return DatabaseReads.orUnavailableEntry(TABLE, () -> {
            Map<String, Long> counts = new TreeMap<>();
            servers().forEach(server -> counts.merge(server.liveness(), 1L, Long::sum));
            return new ServersOverview(counts.values().stream().mapToLong(Long::longValue).sum(), counts);
        });
    }

    @Override
    public Object read(EndpointParameters parameters) {
        Liveness wanted = parameters.choice(STATUS, Liveness.class);
        return DatabaseReads.orUnavailable(TABLE, () -> {
            List<Server> servers = servers().stream()
                .filter(server -> wanted == null || wanted.value().equals(server.liveness()))
                .toList();
            return new ServerStatusViews.Servers(this.staleAfter.toSeconds(), servers.size(), servers);
        });
    }

    @Override
    public Object readOne(String id, EndpointParameters parameters) {
        return DatabaseReads.orUnavailable(TABLE, () -> this.repository.findById(id)
            .map(row -> Server.of(row, Instant.now(), this.staleAfter))
            .orElse(null));
    }

    private List<Server> servers() {
        Instant now = Instant.now();
        return this.repository.findAllByOrderByStartedAtDesc()
            .stream()
            .map(row -> Server.of(row, now, this.staleAfter))
            .toList();
    }
}
