package io.github.grpcops.requestlog.actuate;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.github.grpcops.actuate.DatabaseReads;
import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.actuate.GrpcEndpointSection.Operation;
import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.requestlog.GrpcRequestLogRepository;
import io.github.grpcops.requestlog.RequestLogStatistics;
import io.github.grpcops.requestlog.RequestLogWriter;
import io.github.grpcops.requestlog.actuate.RequestLogViews.CallDetail;
import io.github.grpcops.requestlog.actuate.RequestLogViews.Figures;

/**
 * {@code /actuator/grpc/requests}: the logged calls newest first, filtered and paged (see
 * {@link RequestLogQuery} and {@link RequestsPageReader}); {@code /requests/{requestId}} one call in full, captured payloads
 * included (a row id works too); in the overview, the figures of the last {@code hours} and the
 * writer's health (queued, written, dropped).
 */
class RequestsEndpointSection implements GrpcEndpointSection {

    private final GrpcRequestLogRepository repository;

    private final RequestsPageReader pages;

    private final RequestLogStatistics statistics;

    private final RequestLogWriter writer;

    RequestsEndpointSection(GrpcRequestLogRepository repository, RequestLogStatistics statistics,
            RequestLogWriter writer) {
        this.repository = repository;
        this.pages = new RequestsPageReader(repository);
        this.statistics = statistics;
        this.writer = writer;
    }

    @Override
    public String name() {
        return "requests";
    }

    @Override
    public Set<String> parameters(Operation operation) {
        return switch (operation) {
            case OVERVIEW -> Set.of(StatisticsWindow.HOURS);
            case READ -> RequestLogQuery.PARAMETERS;
            case READ_ONE, WRITE -> Set.of();
        };
    }

    @Override
    public Object overview(EndpointParameters parameters) {
        int hours = StatisticsWindow.hours(parameters);
        return new RequestLogViews.RequestsOverview(hours,
                DatabaseReads.orUnavailableEntry(RequestLogViews.STATISTICS,
                        () -> Figures.of(this.statistics.summary(StatisticsWindow.of(hours)).all())),
                RequestLogViews.Writer.of(this.writer.counts()));
    }

    @Override
    public Object read(EndpointParameters parameters) {
        RequestLogQuery query = RequestLogQuery.of(parameters);
        return DatabaseReads.orUnavailable(RequestLogViews.TABLE, () -> this.pages.read(query));
    }

    /**
     * The newest call with this request id, in full; {@code sameRequestId} lists the row ids of older
     * calls that reused it (fetch them by row id).
     */
    @Override
    public Object readOne(String id, EndpointParameters parameters) {
        return DatabaseReads.orUnavailable(RequestLogViews.TABLE, () -> {
            List<GrpcRequestLog> calls = this.repository.findByRequestIdOrderByCreatedAtDesc(id);
            if (calls.isEmpty()) {
                return byRowId(id);
            }
            return CallDetail.of(calls.get(0), calls.stream().skip(1).map(GrpcRequestLog::getId).toList());
        });
    }

    private Object byRowId(String id) {
        UUID rowId;
        try {
            rowId = UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        return this.repository.findById(rowId).map(row -> CallDetail.of(row, null)).orElse(null);
    }
}
