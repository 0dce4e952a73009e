package io.github.grpcops.server;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.github.grpcops.logging.RepeatedFailureLog;
import io.grpc.Status;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.beans.factory.DisposableBean;

/**
 * Summarises the warning grpc-java writes (through {@code java.util.logging}) for every stream it resets
 * because a request frame could not be read: {@code "Exception processing message"} from
 * {@code NettyServerStream}, each with a twenty-line stack trace, so a client sending malformed frames
 * fills the log. A filter on that logger takes those records, and only those, off it and logs each kind
 * once a minute with a count ({@link RepeatedFailureLog}), without a stack trace; every other message of
 * that logger, and of grpc-java, passes as before. Removed again when the application context closes.
 */
final class GrpcJavaStreamWarnings implements DisposableBean {

    /** The server stream of grpc-netty-shaded (the server integration's default transport) and of grpc-netty. */
    static final List<String> LOGGERS = List.of("io.grpc.netty.shaded.io.grpc.netty.NettyServerStream",
            "io.grpc.netty.NettyServerStream");

    static final String MESSAGE = "Exception processing message";

    private final RepeatedFailureLog summary = new RepeatedFailureLog(
            LoggerFactory.getLogger(GrpcJavaStreamWarnings.class));

    /** Held here too: java.util.logging keeps loggers only weakly, and a collected one forgets its filter. */
    private final List<Installed> installed = new ArrayList<>();

    public GrpcJavaStreamWarnings() {
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            Installed filter = new Installed(logger, logger.getFilter());
            logger.setFilter(filter);
            this.installed.add(filter);
        }
    }

    @Override
    public void destroy() {
        this.installed.forEach(Installed::remove);
    }

    private void summarise(LogRecord record) {
        Status status = Status.fromThrowable(record.getThrown());
        Status malformed = StreamVerdicts.malformedFrame(status);
        String what = (malformed != null) ? malformed.getDescription()
                : "Stream reset with " + status.getCode() + ": " + status.getDescription();
        this.summary.report(Level.WARN, what, () -> what + " (grpc-java's '" + MESSAGE + "' warning, summarised)");
    }

    /** The filter on one logger; passes what it does not summarise to the filter that was there before. */
    private final class Installed implements Filter {

        private final Logger logger;

        private final Filter previous;

        private volatile boolean active = true;

        Installed(Logger logger, Filter previous) {
            this.logger = logger;
            this.previous = previous;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            if (this.active && MESSAGE.equals(record.getMessage())) {
                summarise(record);
                return false;
            }
            return this.previous == null || this.previous.isLoggable(record);
        }

        /** Restores the previous filter; if another was installed over this one meanwhile, just stops acting. */
        void remove() {
            this.active = false;
            if (this.logger.getFilter() == this) {
                this.logger.setFilter(this.previous);
            }
        }
    }
}
