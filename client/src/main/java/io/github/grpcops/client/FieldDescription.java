package io.github.grpcops.client;

import java.util.Locale;

import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * One field of a message.
 *
 * @param name the name in the proto file
 * @param jsonName the name in JSON (either is accepted in requests)
 * @param number the field number
 * @param type a scalar type ({@code int64}, {@code string} …), the full name of a message or enum,
 * or {@code map<K, V>}
 * @param repeated whether the field is a list (false for maps)
 */
public record FieldDescription(String name, String jsonName, int number, String type, boolean repeated) {

    static FieldDescription of(FieldDescriptor field) {
        return new FieldDescription(field.getName(), field.getJsonName(), field.getNumber(), typeOf(field),
                field.isRepeated() && !field.isMapField());
    }

    private static String typeOf(FieldDescriptor field) {
        if (field.isMapField()) {
            var entry = field.getMessageType();
            return "map<" + typeOf(entry.findFieldByNumber(1)) + ", " + typeOf(entry.findFieldByNumber(2)) + ">";
        }
        return switch (field.getJavaType()) {
            case MESSAGE -> field.getMessageType().getFullName();
            case ENUM -> field.getEnumType().getFullName();
            default -> field.getType().name().toLowerCase(Locale.ROOT);
        };
    }
}
