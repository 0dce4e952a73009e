package io.github.grpcops.actuate;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an {@link EndpointView} record component by component, as a map with the same entries would
 * be written: the {@code ObjectMapper}'s naming, ordering and inclusion settings do not apply to it.
 */
public final class EndpointViewSerializer extends StdSerializer<Record> {

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(Component::of).toList();
        }
    };

    public EndpointViewSerializer() {
        super(Record.class);
    }

    @Override
    public void serialize(Record view, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStartObject(view);
        writeComponents(view, json, provider);
        json.writeEndObject();
    }

    private static void writeComponents(Record view, JsonGenerator json, SerializerProvider provider)
            throws IOException {
        for (Component component : COMPONENTS.get(view.getClass())) {
            Object value = component.value(view);
            if (component.unwrapped()) {
                if (value != null) {
                    writeComponents((Record) value, json, provider);
                }
            }
            else if (value != null || !component.omittedWhenNull()) {
                provider.defaultSerializeField(component.name(), value, json);
            }
        }
    }

    /**
     * How one component is written.
     *
     * @param name its name, the key
     * @param accessor its accessor
     * @param unwrapped whether its components stand in its place ({@code @JsonUnwrapped})
     * @param omittedWhenNull whether a {@code null} value leaves the key out ({@code @JsonInclude(NON_NULL)})
     */
    private record Component(String name, Method accessor, boolean unwrapped, boolean omittedWhenNull) {

        static Component of(RecordComponent component) {
            Method accessor = component.getAccessor();
            // Views are package-private records of their capability's package.
            accessor.setAccessible(true);
            JsonInclude include = accessor.getAnnotation(JsonInclude.class);
            return new Component(component.getName(), accessor, accessor.isAnnotationPresent(JsonUnwrapped.class),
                    include != null && include.value() == JsonInclude.Include.NON_NULL);
        }

        Object value(Record view) {
            try {
                return this.accessor.invoke(view);
            }
            catch (IllegalAccessException | InvocationTargetException ex) {
                throw new IllegalStateException("Cannot read " + this.name + " of " + view.getClass().getName(), ex);
            }
        }
    }
}
