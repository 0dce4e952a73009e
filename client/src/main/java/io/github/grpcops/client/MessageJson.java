package io.github.grpcops.client;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;

/**
 * JSON to and from messages known only by descriptor, with protobuf's {@link JsonFormat} (the proto3
 * JSON mapping: field names in lowerCamelCase or as in the proto file, 64-bit numbers as strings).
 * When a request does not fit, it finds the offending field, so the error names it.
 */
final class MessageJson {

    private final JsonFormat.Parser parser;

    private final JsonFormat.Printer printer;

    MessageJson(TypeRegistry types) {
        this.parser = JsonFormat.parser().usingTypeRegistry(types);
        this.printer = JsonFormat.printer().usingTypeRegistry(types).includingDefaultValueFields();
    }

    DynamicMessage parse(String json, Descriptor type, int index) {
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        try {
            this.parser.merge(json, message);
            return message.build();
        }
        catch (InvalidProtocolBufferException | RuntimeException ex) {
            JsonElement root;
            try {
                root = JsonParser.parseString(json);
            }
            catch (JsonParseException notJson) {
                throw new InvalidRequestException("Request " + index + " is not valid JSON: " + reason(notJson), null,
                        index, notJson);
            }
            String field = offendingField(root, type, "");
            String where = (field != null) ? "field '" + field + "' of request " + index : "request " + index;
            throw new InvalidRequestException(
                    "JSON does not fit " + type.getFullName() + " at " + where + ": " + reason(ex), field, index, ex);
        }
    }

    String print(Message message) {
        try {
            return this.printer.print(message);
        }
        catch (InvalidProtocolBufferException ex) {
            // Only an Any whose type reflection did not describe fails to print.
            throw new DescriptorResolutionException("Cannot print a response as JSON: " + ex.getMessage(), ex);
        }
    }

    /** Status details as a JSON array; an {@code Any} of an unknown type keeps its type URL and bytes. */
    String details(List<Any> details) {
        JsonArray array = new JsonArray();
        for (Any detail : details) {
            try {
                array.add(JsonParser.parseString(this.printer.print(detail)));
            }
            catch (InvalidProtocolBufferException ex) {
                JsonObject opaque = new JsonObject();
                opaque.addProperty("@type", detail.getTypeUrl());
                opaque.addProperty("valueBase64", Base64.getEncoder().encodeToString(detail.getValue().toByteArray()));
                array.add(opaque);
            }
        }
        return array.toString();
    }

    /**
     * The path of the first member that fails alone ({@code items[2].price_cents}), descending into
     * nested messages, or {@code null} when the problem is not one field (e.g. the root is not an object).
     */
    private String offendingField(JsonElement element, Descriptor type, String prefix) {
        if (!element.isJsonObject()) {
            return null;
        }
        for (Map.Entry<String, JsonElement> member : element.getAsJsonObject().entrySet()) {
            String path = prefix + member.getKey();
            FieldDescriptor field = field(type, member.getKey());
            if (field == null) {
                return path;
            }
            JsonObject alone = new JsonObject();
            alone.add(member.getKey(), member.getValue());
            if (fits(alone, type)) {
                continue;
            }
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isMapField()) {
                return path;
            }
            Descriptor nested = field.getMessageType();
            JsonElement value = member.getValue();
            if (field.isRepeated() && value.isJsonArray()) {
                JsonArray items = value.getAsJsonArray();
                for (int i = 0; i < items.size(); i++) {
                    if (!fits(items.get(i), nested)) {
                        String inner = offendingField(items.get(i), nested, path + "[" + i + "].");
                        return (inner != null) ? inner : path + "[" + i + "]";
                    }
                }
            }
            String inner = offendingField(value, nested, path + ".");
            return (inner != null) ? inner : path;
        }
        return null;
    }

    private boolean fits(JsonElement json, Descriptor type) {
        try {
            this.parser.merge(json.toString(), DynamicMessage.newBuilder(type));
            return true;
        }
        catch (InvalidProtocolBufferException | RuntimeException ex) {
            return false;
        }
    }

    private static FieldDescriptor field(Descriptor type, String name) {
        FieldDescriptor field = type.findFieldByName(name);
        if (field != null) {
            return field;
        }
        return type.getFields().stream().filter(f -> f.getJsonName().equals(name)).findFirst().orElse(null);
    }

    private static String reason(Exception ex) {
        Throwable cause = ex;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
