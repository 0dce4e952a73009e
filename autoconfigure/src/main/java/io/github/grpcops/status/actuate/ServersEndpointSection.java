package io.github.grpcops.status.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
            views().forEach(view -> counts.merge((String) view.get("liveness"), 1L, Long::sum));
            return GrpcEndpointSection.entries("total", counts.values().stream().mapToLong(Long::longValue).sum(),
                    "liveness", counts);
        });
    }

    @Override
    public Object read(EndpointParameters parameters) {
        Liveness wanted = parameters.choice(STATUS, Liveness.class);
        return DatabaseReads.orUnavailable(TABLE, () -> {
            List<Map<String, Object>> servers = views().stream()
                .filter(view -> wanted == null || wanted.value().equals(view.get("liveness")))
                .toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("staleAfterSeconds", this.staleAfter.toSeconds());
            body.put("total", servers.size());
            body.put("servers", servers);
            return body;
        });
    }

    @Override
    public Object readOne(String id, EndpointParameters parameters) {
        return DatabaseReads.orUnavailable(TABLE, () -> this.repository.findById(id)
            .map(row -> ServerStatusViews.row(row, Instant.now(), this.staleAfter))
            .orElse(null));
    }

    private List<Map<String, Object>> views() {
        return ServerStatusViews.rows(this.repository.findAllByOrderByStartedAtDesc(), Instant.now(), this.staleAfter);
    }
}
