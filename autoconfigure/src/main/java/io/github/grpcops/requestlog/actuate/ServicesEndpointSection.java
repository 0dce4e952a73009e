package io.github.grpcops.requestlog.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.grpcops.actuate.DatabaseReads;
import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.actuate.GrpcEndpointSection.Operation;
import io.github.grpcops.requestlog.RequestLogStatistics;
import io.github.grpcops.requestlog.RequestLogStatistics.MethodStatistics;

/**
 * {@code /actuator/grpc/services}: per service and per method of the last {@code hours}, the counts
 * by status, latency (avg, p50, p95, p99, max) and the last call, busiest first;
 * {@code /services/{service}} one service (404 when it had no call in that window); in the overview,
 * the per-service figures. Computed by the database from the shared log, so every instance counts.
 */
class ServicesEndpointSection implements GrpcEndpointSection {

    private final RequestLogStatistics statistics;

    ServicesEndpointSection(RequestLogStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public String name() {
        return "services";
    }

    @Override
    public Set<String> parameters(Operation operation) {
        return (operation == Operation.WRITE) ? Set.of() : Set.of(StatisticsWindow.HOURS);
    }

    @Override
    public Object overview(EndpointParameters parameters) {
        Duration window = StatisticsWindow.of(StatisticsWindow.hours(parameters));
        return DatabaseReads.orUnavailableEntry(RequestLogViews.STATISTICS, () -> this.statistics.byService(window)
            .stream()
            .map(service -> RequestLogViews.Service.of(service, null))
            .toList());
    }

    @Override
    public Object read(EndpointParameters parameters) {
        int hours = StatisticsWindow.hours(parameters);
        Duration window = StatisticsWindow.of(hours);
        return DatabaseReads.orUnavailable(RequestLogViews.STATISTICS, () -> {
            Map<String, List<MethodStatistics>> methods = this.statistics.byMethod(window)
                .stream()
                .collect(Collectors.groupingBy(MethodStatistics::service));
            List<RequestLogViews.Service> services = this.statistics.byService(window)
                .stream()
                .map(service -> RequestLogViews.Service.of(service,
                        methods.getOrDefault(service.service(), List.of())))
                .toList();
            return new RequestLogViews.Services(hours, services);
        });
    }

    @Override
    public Object readOne(String name, EndpointParameters parameters) {
        int hours = StatisticsWindow.hours(parameters);
        Duration window = StatisticsWindow.of(hours);
        return DatabaseReads.orUnavailable(RequestLogViews.STATISTICS, () -> {
            List<MethodStatistics> methods = this.statistics.byMethod(window, name);
            return this.statistics.byService(window, name)
                .stream()
                .findFirst()
                .map(service -> new RequestLogViews.OneService(hours, RequestLogViews.Service.of(service, methods)))
                .orElse(null);
        });
    }
}
