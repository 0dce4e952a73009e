package io.github.grpcops.requestlog;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.github.grpcops.pipeline.GrpcMethodMatcher;

/**
 * Turns captured messages into JSON for the request log: only for the methods listed in
 * {@code grpc.request-log.payloads.methods}, with fields named in {@code redacted-fields} replaced at
 * any depth, and cut at {@code max-size} characters.
 */
class PayloadCapture {

    static final String REDACTED = "[REDACTED]";

    static final String TRUNCATED = "…[truncated]";

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final GrpcMethodMatcher methods;

    private final Set<String> redacted;

    private final int maxChars;

    PayloadCapture(RequestLogProperties.Payloads settings) {
        List<String> patterns = settings.getMethods();
        this.methods = patterns.isEmpty() ? null : GrpcMethodMatcher.of(patterns, List.of());
        this.redacted = settings.getRedactedFields()
            .stream()
            .map(name -> name.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
        this.maxChars = (int) Math.min(Integer.MAX_VALUE, settings.getMaxSize().toBytes());
    }

    boolean appliesTo(String fullMethodName) {
        return this.methods != null && this.methods.matches(fullMethodName);
    }

    /** The message as redacted, size-capped JSON; {@code null} for no message or a non-protobuf one. */
    String toJson(Object message) {
        if (!(message instanceof Message protobuf)) {
            return null;
        }
        String json;
        try {
            json = PRINTER.print(redact(protobuf));
        }
        catch (InvalidProtocolBufferException ex) {
            return "{\"captureError\":\"" + ex.getClass().getSimpleName() + "\"}";
        }
        return (json.length() <= this.maxChars) ? json
                : json.substring(0, Math.max(0, this.maxChars - TRUNCATED.length())) + TRUNCATED;
    }

    private Message redact(Message message) {
        Message.Builder builder = null;
        for (var field : message.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            Object value = field.getValue();
            Object replacement = isRedacted(descriptor) ? redactedValue(descriptor) : redactNested(descriptor, value);
            if (replacement != value) {
                builder = (builder != null) ? builder : message.toBuilder();
                if (replacement == null) {
                    builder.clearField(descriptor);
                }
                else {
                    builder.setField(descriptor, replacement);
                }
            }
        }
        return (builder != null) ? builder.build() : message;
    }

    private boolean isRedacted(FieldDescriptor field) {
        return this.redacted.contains(field.getName().toLowerCase(Locale.ROOT))
                || this.redacted.contains(field.getJsonName().toLowerCase(Locale.ROOT));
    }

    /** A string becomes the marker (repeated strings: each one); anything else is cleared. */
    private static Object redactedValue(FieldDescriptor field) {
        if (field.getJavaType() != FieldDescriptor.JavaType.STRING) {
            return null;
        }
        return field.isRepeated() ? List.of(REDACTED) : REDACTED;
    }

    private Object redactNested(FieldDescriptor field, Object value) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return value;
        }
        if (!field.isRepeated()) {
            Message nested = redact((Message) value);
            return (nested == value) ? value : nested;
        }
        List<?> items = (List<?>) value;
        List<Message> redactedItems = items.stream().map(item -> redact((Message) item)).toList();
        boolean changed = false;
        for (int i = 0; i < items.size(); i++) {
            changed |= redactedItems.get(i) != items.get(i);
        }
        return changed ? redactedItems : value;
    }
}
