package io.github.grpcops.requestlog;

/**
 * What a {@link RequestLogWriter} did with the rows it was given. Every row offered is in exactly one
 * of written, one of the dropped counts, or queued: {@link #accounted()} equals the rows offered.
 *
 * @param written rows inserted
 * @param droppedQueueFull rows refused because the queue was full (the database was slow or down)
 * @param droppedRejected rows the database refused on their own (a poison row), dropped alone
 * @param droppedAtShutdown rows still unwritten when the shutdown timeout passed, or offered after
 * @param queued rows accepted and not yet written, including the batch being written
 * @param failedBatches batch inserts that failed (each is then retried or split)
 */
public record RequestLogWriterCounts(long written, long droppedQueueFull, long droppedRejected,
        long droppedAtShutdown, long queued, long failedBatches) {

    public long dropped() {
        return this.droppedQueueFull + this.droppedRejected + this.droppedAtShutdown;
    }

    public long accounted() {
        return this.written + dropped() + this.queued;
    }
}
