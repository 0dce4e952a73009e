package io.github.grpcops.client.actuate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Lets {@code POST /actuator/grpc/invoke} take {@code request}, {@code requests} and {@code metadata}
 * as JSON values: Actuator (Spring MVC) binds an operation's body as a map of strings, which a JSON
 * object or array cannot be read into, so each top-level object or array becomes its JSON text before
 * the body is bound, the form the section parses. Other bodies pass untouched.
 */
@ControllerAdvice
class JsonValuesBodyAdvice extends RequestBodyAdviceAdapter {

    private static final ResolvableType STRING_MAP = ResolvableType.forClassWithGenerics(Map.class, String.class,
            String.class);

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return STRING_MAP.isAssignableFrom(ResolvableType.forType(targetType)) && isInvoke();
    }

    private static boolean isInvoke() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getRequestURI().endsWith("/grpc/invoke");
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        JsonNode json;
        try {
            json = this.mapper.readTree(body);
        }
        catch (IOException ex) {
            json = null; // Actuator reports the malformed body as it would have
        }
        if (json instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (field.getValue().isContainerNode()) {
                    field.setValue(object.textNode(field.getValue().toString()));
                }
            });
            body = this.mapper.writeValueAsBytes(object);
        }
        return new Body(body, input.getHeaders());
    }

    private record Body(byte[] bytes, HttpHeaders headers) implements HttpInputMessage {

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(this.bytes);
        }

        @Override
        public HttpHeaders getHeaders() {
            return this.headers;
        }
    }
}
