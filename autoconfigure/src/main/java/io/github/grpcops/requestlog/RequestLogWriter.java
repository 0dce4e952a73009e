package io.github.grpcops.requestlog;

/**
 * Takes finished calls from the request-log interceptor and stores them. {@link #write} is called on
 * the call's thread: it must never throw and never wait for the database.
 */
public interface RequestLogWriter {

    /** Accepts one row; a row that cannot be stored is counted as dropped, never thrown. */
    void write(RequestLogEntry entry);

    /** What happened to the rows so far. */
    RequestLogWriterCounts counts();
}
