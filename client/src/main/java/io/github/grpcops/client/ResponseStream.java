package io.github.grpcops.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.google.protobuf.DynamicMessage;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;

/**
 * The responses of one started call, pulled one at a time: the call lets at most {@value #WINDOW}
 * messages wait unread (it asks for one more each time one is taken), so a long stream is never held
 * in memory, yet the next message is usually there already. Closing it before the end cancels the call.
 */
final class ResponseStream implements Iterator<String>, AutoCloseable {

    private static final int WINDOW = 32;

    private final ClientCall<DynamicMessage, DynamicMessage> call;

    private final String fullMethod;

    private final MessageJson json;

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    private final List<String> received = new ArrayList<>();

    private final boolean keepReceived;

    private volatile Metadata headers = new Metadata();

    private Closed closed;

    private String next;

    ResponseStream(ClientCall<DynamicMessage, DynamicMessage> call, String fullMethod, MessageJson json,
            boolean keepReceived) {
        this.call = call;
        this.fullMethod = fullMethod;
        this.json = json;
        this.keepReceived = keepReceived;
    }

    /** Starts the call, sends every request and half-closes. */
    void start(Metadata metadata, List<DynamicMessage> requests) {
        this.call.start(new ClientCall.Listener<>() {
            @Override
            public void onHeaders(Metadata headers) {
                ResponseStream.this.headers = headers;
            }

            @Override
            public void onMessage(DynamicMessage message) {
                ResponseStream.this.events.add(message);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                ResponseStream.this.events.add(new Closed(status, trailers));
            }
        }, metadata);
        this.call.request(WINDOW);
        requests.forEach(this.call::sendMessage);
        this.call.halfClose();
    }

    @Override
    public boolean hasNext() {
        if (this.next != null) {
            return true;
        }
        if (this.closed != null) {
            return false;
        }
        Object event = take();
        if (event instanceof Closed end) {
            this.closed = end;
            if (!end.status().isOk()) {
                throw failure(end);
            }
            return false;
        }
        this.next = this.json.print((DynamicMessage) event);
        return true;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String message = this.next;
        this.next = null;
        if (this.keepReceived) {
            this.received.add(message);
        }
        this.call.request(1);
        return message;
    }

    Metadata headers() {
        return this.headers;
    }

    Metadata trailers() {
        return (this.closed != null) ? this.closed.trailers() : new Metadata();
    }

    /** Cancels the call unless it already ended. */
    @Override
    public void close() {
        if (this.closed == null) {
            this.call.cancel("The client stopped reading responses", null);
        }
    }

    private Object take() {
        try {
            return this.events.take();
        }
        catch (InterruptedException ex) {
            this.call.cancel("interrupted", ex);
            Thread.currentThread().interrupt();
            throw new CallFailedException(this.fullMethod, Status.CANCELLED.withDescription("interrupted"), "[]",
                    this.received, this.headers, new Metadata());
        }
    }

    private CallFailedException failure(Closed end) {
        com.google.rpc.Status rich = StatusProto.fromStatusAndTrailers(end.status(), end.trailers());
        String details = this.json.details((rich != null) ? rich.getDetailsList() : List.of());
        if (end.status().getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return new DeadlineExceededException(this.fullMethod, end.status(), details, this.received, this.headers,
                    end.trailers());
        }
        return new CallFailedException(this.fullMethod, end.status(), details, this.received, this.headers,
                end.trailers());
    }

    private record Closed(Status status, Metadata trailers) {
    }
}
