package io.github.grpcops.actuate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * Marks a record as a JSON answer of {@code /actuator/grpc} (or info), whose shape the captured
 * responses in {@code docs/monitoring.md} document. Actuator writes these with the application's
 * {@code ObjectMapper}, whose settings would rename, reorder or drop a plain record's properties
 * ({@code spring.jackson.property-naming-strategy}, {@code mapper.sort-properties-alphabetically},
 * {@code default-property-inclusion}); a view is written by {@link EndpointViewSerializer} instead:
 * one key per component, named and ordered as declared, {@code null} ones too, values as the
 * application writes them (dates …). Two Jackson annotations on a component are honoured:
 * {@code @JsonUnwrapped} writes a view's components in its place, {@code @JsonInclude(NON_NULL)} leaves
 * the key out while the value is {@code null}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSerialize(using = EndpointViewSerializer.class)
public @interface EndpointView {

}
