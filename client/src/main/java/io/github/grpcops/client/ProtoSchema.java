package io.github.grpcops.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.GsonBuilder;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;

/**
 * What a server's reflection says about its API, in the forms people and tools read: {@code .proto}
 * source rendered from the descriptors (reflection carries no comments, so the source has none), a
 * {@code FileDescriptorSet} that {@code protoc --descriptor_set_in} and {@code buf} accept, and a JSON
 * request template with every field of a message at its default value.
 */
public final class ProtoSchema {

    /** How deep a template follows message fields (recursive messages would never end). */
    private static final int TEMPLATE_DEPTH = 3;

    private ProtoSchema() {
    }

    /** {@code file} and every file it imports, transitively, dependencies first. */
    public static FileDescriptorSet descriptorSet(FileDescriptor file) {
        Set<FileDescriptor> ordered = new LinkedHashSet<>();
        addWithDependencies(file, ordered);
        FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
        ordered.forEach(each -> set.addFile(each.toProto()));
        return set.build();
    }

    private static void addWithDependencies(FileDescriptor file, Set<FileDescriptor> ordered) {
        if (ordered.contains(file)) {
            return;
        }
        file.getDependencies().forEach(dependency -> addWithDependencies(dependency, ordered));
        ordered.add(file);
    }

    /** The {@code .proto} source of {@code file}: syntax, package, imports, options, messages, enums, services. */
    public static String protoText(FileDescriptor file) {
        StringBuilder out = new StringBuilder();
        String syntax = file.toProto().getSyntax();
        out.append("syntax = \"").append(syntax.isEmpty() ? "proto2" : syntax).append("\";\n");
        if (!file.getPackage().isEmpty()) {
            out.append("\npackage ").append(file.getPackage()).append(";\n");
        }
        if (!file.getDependencies().isEmpty()) {
            out.append('\n');
            file.getDependencies().forEach(d -> out.append("import \"").append(d.getName()).append("\";\n"));
        }
        var options = file.getOptions();
        List<String> lines = new ArrayList<>();
        if (options.hasJavaPackage()) {
            lines.add("option java_package = \"" + options.getJavaPackage() + "\";");
        }
        if (options.hasJavaMultipleFiles()) {
            lines.add("option java_multiple_files = " + options.getJavaMultipleFiles() + ";");
        }
        if (options.hasGoPackage()) {
            lines.add("option go_package = \"" + options.getGoPackage() + "\";");
        }
        if (!lines.isEmpty()) {
            out.append('\n').append(String.join("\n", lines)).append('\n');
        }
        file.getServices().forEach(service -> service(service, out));
        file.getMessageTypes().forEach(message -> message(message, "", out));
        file.getEnumTypes().forEach(type -> enumeration(type, "", out));
        return out.toString();
    }

    private static void service(ServiceDescriptor service, StringBuilder out) {
        out.append("\nservice ").append(service.getName()).append(" {\n");
        for (MethodDescriptor method : service.getMethods()) {
            out.append("  rpc ").append(method.getName()).append('(')
                .append(method.isClientStreaming() ? "stream " : "").append(reference(method.getInputType().getFullName()))
                .append(") returns (").append(method.isServerStreaming() ? "stream " : "")
                .append(reference(method.getOutputType().getFullName())).append(");\n");
        }
        out.append("}\n");
    }

    private static void message(Descriptor message, String indent, StringBuilder out) {
        out.append('\n').append(indent).append("message ").append(message.getName()).append(" {\n");
        String inner = indent + "  ";
        Set<OneofDescriptor> written = new LinkedHashSet<>();
        for (FieldDescriptor field : message.getFields()) {
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof == null) {
                field(field, inner, out);
            }
            else if (written.add(oneof)) {
                out.append(inner).append("oneof ").append(oneof.getName()).append(" {\n");
                oneof.getFields().forEach(member -> field(member, inner + "  ", out));
                out.append(inner).append("}\n");
            }
        }
        message.getNestedTypes()
            .stream()
            .filter(nested -> !nested.getOptions().getMapEntry())
            .forEach(nested -> message(nested, inner, out));
        message.getEnumTypes().forEach(type -> enumeration(type, inner, out));
        out.append(indent).append("}\n");
    }

    private static void field(FieldDescriptor field, String indent, StringBuilder out) {
        out.append(indent);
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            out.append("map<").append(typeName(entry.findFieldByNumber(1))).append(", ")
                .append(typeName(entry.findFieldByNumber(2))).append('>');
        }
        else {
            if (field.isRepeated()) {
                out.append("repeated ");
            }
            else if (field.hasOptionalKeyword()) {
                out.append("optional ");
            }
            else if (field.isRequired()) {
                out.append("required ");
            }
            out.append(typeName(field));
        }
        out.append(' ').append(field.getName()).append(" = ").append(field.getNumber()).append(";\n");
    }

    private static void enumeration(EnumDescriptor type, String indent, StringBuilder out) {
        out.append('\n').append(indent).append("enum ").append(type.getName()).append(" {\n");
        type.getValues().forEach(value -> out.append(indent).append("  ").append(value.getName()).append(" = ")
            .append(value.getNumber()).append(";\n"));
        out.append(indent).append("}\n");
    }

    private static String typeName(FieldDescriptor field) {
        return switch (field.getType()) {
            case MESSAGE, GROUP -> reference(field.getMessageType().getFullName());
            case ENUM -> reference(field.getEnumType().getFullName());
            default -> field.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A fully qualified reference, valid from any package. */
    private static String reference(String fullName) {
        return "." + fullName;
    }

    /** A JSON request for {@code message} with every field at its default (nested messages a few levels deep). */
    public static String requestTemplate(Descriptor message) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(template(message, 0));
    }

    private static Map<String, Object> template(Descriptor message, int depth) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldDescriptor field : message.getFields()) {
            Object value;
            if (field.isMapField()) {
                value = Map.of();
            }
            else {
                Object single = value(field, depth);
                value = field.isRepeated() ? ((single != null) ? List.of(single) : List.of()) : single;
            }
            fields.put(field.getJsonName(), value);
        }
        return fields;
    }

    private static Object value(FieldDescriptor field, int depth) {
        return switch (field.getJavaType()) {
            case INT -> 0;
            case LONG -> "0"; // JSON carries 64-bit integers as strings
            case FLOAT, DOUBLE -> 0.0;
            case BOOLEAN -> false;
            case STRING, BYTE_STRING -> "";
            case ENUM -> field.getEnumType().getValues().get(0).getName();
            case MESSAGE -> wellKnown(field.getMessageType(), depth);
        };
    }

    private static Object wellKnown(Descriptor message, int depth) {
        return switch (message.getFullName()) {
            case "google.protobuf.Timestamp" -> "1970-01-01T00:00:00Z";
            case "google.protobuf.Duration" -> "0s";
            case "google.protobuf.Struct", "google.protobuf.Any" -> Map.of();
            case "google.protobuf.Value", "google.protobuf.ListValue" -> null;
            default -> message.getFullName().startsWith("google.protobuf.") || depth >= TEMPLATE_DEPTH ? null
                    : template(message, depth + 1);
        };
    }
}
