package io.github.grpcops.requestlog.actuate;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.grpcops.actuate.DatabaseReads;
import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.actuate.GrpcEndpointSection.Operation;
import io.github.grpcops.requestlog.RequestLogStatistics;
import io.github.grpcops.requestlog.RequestLogStatistics.Granularity;

/**
 * {@code /actuator/grpc/timeline}: the calls of the last {@code hours} in buckets of one
 * {@code interval} ({@code minute}, {@code hour} by default, {@code day}; UTC), oldest first, each with
 * counts by status and latency. Buckets without calls are absent. Minute buckets cover at most
 * {@value #MAX_MINUTE_HOURS} hours, so a response holds at most a few thousand buckets.
 */
class TimelineEndpointSection implements GrpcEndpointSection {

    static final int MAX_MINUTE_HOURS = 48;

    private static final String INTERVAL = "interval";

    private final RequestLogStatistics statistics;

    TimelineEndpointSection(RequestLogStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public String name() {
        return "timeline";
    }

    @Override
    public Set<String> parameters(Operation operation) {
        return (operation == Operation.READ) ? Set.of(StatisticsWindow.HOURS, INTERVAL) : Set.of();
    }

    @Override
    public Object read(EndpointParameters parameters) {
        Granularity interval = parameters.choice(INTERVAL, Granularity.class);
        interval = (interval != null) ? interval : Granularity.HOUR;
        int hours = StatisticsWindow.hours(parameters);
        if (interval == Granularity.MINUTE && hours > MAX_MINUTE_HOURS) {
            throw EndpointParameters.invalid(StatisticsWindow.HOURS,
                    "must be at most " + MAX_MINUTE_HOURS + " with interval=minute; use interval=hour for longer");
        }
        Granularity granularity = interval;
        return DatabaseReads.orUnavailable(RequestLogViews.STATISTICS, () -> {
            List<RequestLogViews.Bucket> buckets = this.statistics.timeline(StatisticsWindow.of(hours), granularity)
                .stream()
                .map(RequestLogViews.Bucket::of)
                .toList();
            return new RequestLogViews.Timeline(hours, granularity.name().toLowerCase(Locale.ROOT), buckets);
        });
    }
}
