package io.github.grpcops.test;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * What a logger (and the loggers below it) logs while this is open; closing detaches it and puts the
 * logger's level back.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;

    private final Level level;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(Logger logger, Level level) {
        this.logger = logger;
        this.level = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        this.appender.start();
        logger.addAppender(this.appender);
    }

    /** Captures at the logger's configured level. */
    public static CapturedLog of(String loggerName) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(loggerName), null);
    }

    /** Captures at the logger's configured level. */
    public static CapturedLog of(Class<?> type) {
        return of(type.getName());
    }

    /** Captures at the level given, whatever the logger is configured with. */
    public static CapturedLog of(Class<?> type, Level level) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(type), level);
    }

    /** The events so far, oldest first. */
    public List<ILoggingEvent> events() {
        synchronized (this.appender) {
            return List.copyOf(this.appender.list);
        }
    }

    @Override
    public void close() {
        this.logger.detachAppender(this.appender);
        this.logger.setLevel(this.level);
    }
}
