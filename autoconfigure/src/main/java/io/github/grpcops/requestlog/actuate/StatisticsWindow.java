package io.github.grpcops.requestlog.actuate;

import java.time.Duration;

import io.github.grpcops.actuate.EndpointParameters;

/** The {@code hours} parameter of the statistics sections: how far back from now, in whole hours. */
final class StatisticsWindow {

    static final String HOURS = "hours";

    static final int DEFAULT_HOURS = 24;

    /** Thirty days: longer than the request log's default retention of seven. */
    static final int MAX_HOURS = 720;

    private StatisticsWindow() {
    }

    static int hours(EndpointParameters parameters) {
        return parameters.integer(HOURS, DEFAULT_HOURS, 1, MAX_HOURS);
    }

    static Duration of(int hours) {
        return Duration.ofHours(hours);
    }
}
