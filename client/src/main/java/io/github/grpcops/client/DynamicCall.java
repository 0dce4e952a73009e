package io.github.grpcops.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.protobuf.ProtoUtils;

/**
 * One invocation of a method found through reflection, set up fluently: metadata, deadline, JSON
 * requests, then {@link #execute()} or {@link #stream()}. Every request is parsed before anything is
 * sent, so a bad one fails the call with nothing half-sent.
 *
 * <pre>{@code
 * String user = client.call("sample.v1.UserService", "GetUser")
 *     .metadata("authorization", "Bearer " + token)
 *     .timeout(Duration.ofSeconds(2))
 *     .request("{\"id\": 1}")
 *     .execute()
 *     .single();
 * }</pre>
 */
public final class DynamicCall {

    private final Channel channel;

    private final MethodDescriptor method;

    private final MessageJson json;

    private final Metadata metadata = new Metadata();

    private Duration timeout;

    private List<String> requests = List.of();

    private int maxResponses = Integer.MAX_VALUE;

    private final int maxRequestSize;

    DynamicCall(Channel channel, MethodDescriptor method, MessageJson json, Duration timeout, int maxRequestSize) {
        this.channel = channel;
        this.method = method;
        this.json = json;
        this.timeout = timeout;
        this.maxRequestSize = maxRequestSize;
    }

    /** What is being called: name, call type, request and response fields. */
    public MethodDescription method() {
        return MethodDescription.of(this.method);
    }

    /** Adds a header; a name ending in {@code -bin} takes its value in base64. */
    public DynamicCall metadata(String name, String value) {
        try {
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                this.metadata.put(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER),
                        Base64.getDecoder().decode(value));
            }
            else {
                this.metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
            }
        }
        catch (IllegalArgumentException ex) {
            // The value may be a credential: the message names only the header.
            throw new InvalidRequestException("Metadata '" + name + "' is not a valid gRPC header name, or its value "
                    + "is not valid for it (binary '-bin' headers take base64)", null, -1, null);
        }
        return this;
    }

    public DynamicCall metadata(Map<String, String> headers) {
        headers.forEach(this::metadata);
        return this;
    }

    /** The call's deadline, counted from when it starts; {@code null} for none. */
    public DynamicCall timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The request of a unary or server-streaming call (omitted: an empty message). */
    public DynamicCall request(String json) {
        return requests(List.of(json));
    }

    /** The requests of a client-streaming or bidi call, sent in order before half-closing. */
    public DynamicCall requests(List<String> json) {
        this.requests = List.copyOf(json);
        return this;
    }

    /** Cancels the call once this many responses arrived (the result says it was truncated). */
    public DynamicCall maxResponses(int maxResponses) {
        this.maxResponses = maxResponses;
        return this;
    }

    /** Runs the call to the end and returns every response. */
    public DynamicResponse execute() {
        List<String> messages = new ArrayList<>();
        try (ResponseStream responses = start(true)) {
            while (messages.size() < this.maxResponses && responses.hasNext()) {
                messages.add(responses.next());
            }
            boolean truncated = messages.size() == this.maxResponses && responses.hasNext();
            return new DynamicResponse(List.copyOf(messages), truncated, responses.headers(), responses.trailers());
        }
    }

    /**
     * Starts the call and returns its responses as they arrive; the next is requested from the server
     * only when the stream is read. Close the stream (try-with-resources) to cancel a call not read to the end.
     */
    public Stream<String> stream() {
        ResponseStream responses = start(false);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(responses, Spliterator.ORDERED), false)
            .onClose(responses::close);
    }

    private ResponseStream start(boolean keepReceived) {
        List<DynamicMessage> messages = parseRequests();
        CallOptions options = CallOptions.DEFAULT;
        if (this.timeout != null) {
            options = options.withDeadlineAfter(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        ResponseStream responses = new ResponseStream(this.channel.newCall(grpcMethod(), options), fullName(), this.json,
                keepReceived);
        responses.start(this.metadata, messages);
        return responses;
    }

    private List<DynamicMessage> parseRequests() {
        List<String> sent = this.requests;
        if (!this.method.isClientStreaming()) {
            if (sent.size() > 1) {
                throw new InvalidRequestException(fullName() + " is " + MethodDescription.typeOf(this.method)
                        + ": it takes one request, not " + sent.size(), null, 1, null);
            }
            sent = sent.isEmpty() ? List.of("{}") : sent;
        }
        List<DynamicMessage> messages = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            DynamicMessage message = this.json.parse(sent.get(i), this.method.getInputType(), i);
            if (message.getSerializedSize() > this.maxRequestSize) {
                throw new InvalidRequestException("Request " + i + " is " + message.getSerializedSize()
                        + " bytes as protobuf, above the " + this.maxRequestSize + " bytes the server accepts",
                        null, i, null);
            }
            messages.add(message);
        }
        return messages;
    }

    private io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod() {
        MethodType type = MethodDescription.typeOf(this.method);
        return io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
            .setType(type)
            .setFullMethodName(fullName())
            .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(this.method.getInputType())))
            .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(this.method.getOutputType())))
            .build();
    }

    private String fullName() {
        return io.grpc.MethodDescriptor.generateFullMethodName(this.method.getService().getFullName(),
                this.method.getName());
    }
}
