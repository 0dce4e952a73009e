package io.github.grpcops.client.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.EndpointView;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.actuate.GrpcEndpointSection.Operation;
import io.github.grpcops.client.CallFailedException;
import io.github.grpcops.client.DynamicClientException;
import io.github.grpcops.client.DynamicGrpcClient;
import io.github.grpcops.client.DynamicResponse;
import io.github.grpcops.client.InvalidRequestException;
import io.github.grpcops.client.UnknownMethodException;
import io.github.grpcops.client.UnknownServiceException;
import io.github.grpcops.pipeline.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code POST /actuator/grpc/invoke}: calls a method of this server over its real port with the
 * {@link DynamicGrpcClient}, so the call passes the whole pipeline (auth, request log, rate limits)
 * like any other. Body: {@code service}, {@code method}, {@code request} (a JSON object) or
 * {@code requests} (a JSON array, for client streams and bidi), {@code metadata} (a JSON object of
 * header names to values, e.g. credentials), {@code timeout} ({@code 5s} or {@code PT5S}). Request,
 * requests and metadata are JSON values; JSON text inside a string (the first form) is accepted too.
 *
 * <p>Metadata values may be credentials: they are never logged nor echoed, not even in errors.
 */
class InvokeEndpointSection implements GrpcEndpointSection {

    private static final Logger log = LoggerFactory.getLogger(InvokeEndpointSection.class);

    private final InvokeEndpointProperties properties;

    private final OwnServerClient client;

    private final Gson gson = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

    InvokeEndpointSection(InvokeEndpointProperties properties, OwnServerClient client) {
        this.properties = properties;
        this.client = client;
    }

    @Override
    public String name() {
        return "invoke";
    }

    @Override
    public Set<String> parameters(Operation operation) {
        return (operation == Operation.WRITE)
                ? Set.of("service", "method", "request", "requests", "metadata", "timeout") : Set.of();
    }

    @Override
    public Object overview(EndpointParameters parameters) {
        return new Enabled(true, this.properties.getInvokeTimeout().toString());
    }

    @Override
    public Object write(EndpointParameters body) {
        String service = required(body, "service", "a service's full name, e.g. sample.v1.UserService");
        String method = required(body, "method", "a method's name, e.g. GetUser");
        List<String> requests = requests(body);
        Map<String, String> metadata = metadata(body);
        Duration timeout = timeout(body);
        DynamicGrpcClient current = this.client.get();
        if (current == null) {
            return unavailable("The gRPC server has not started (or listens on no network port)");
        }
        log.info("Actuator invoke of {}/{}: {} request(s), metadata {}", service, method, requests.size(),
                metadata.keySet());
        try {
            DynamicResponse response = current.call(service, method)
                .metadata(metadata)
                .timeout(timeout)
                .requests(requests)
                .maxResponses(this.properties.getInvokeMaxResponses())
                .execute();
            return new Answered(service, method, "OK", response.header(RequestIds.HEADER_NAME),
                    parsed(response.messages()), response.truncated());
        }
        catch (CallFailedException ex) {
            return new Failed(service, method, ex.getCode().name(), ex.header(RequestIds.HEADER_NAME),
                    ex.getDescription(), this.gson.fromJson(ex.getDetailsJson(), Object.class),
                    parsed(ex.getReceived()));
        }
        catch (InvalidRequestException ex) {
            String parameter = (ex.getRequestIndex() < 0) ? "metadata"
                    : (body.string("requests") != null) ? "requests" : "request";
            throw EndpointParameters.invalid(parameter, ex.getMessage());
        }
        catch (UnknownServiceException ex) {
            throw EndpointParameters.invalid("service", ex.getMessage());
        }
        catch (UnknownMethodException ex) {
            throw EndpointParameters.invalid("method", ex.getMessage());
        }
        catch (DynamicClientException ex) {
            return unavailable(ex.getMessage());
        }
    }

    private List<Object> parsed(List<String> messages) {
        return messages.stream().map(json -> this.gson.fromJson(json, Object.class)).toList();
    }

    private static WebEndpointResponse<Map<String, Object>> unavailable(String message) {
        return GrpcEndpointSection.error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, message);
    }

    private static String required(EndpointParameters body, String name, String expected) {
        String value = body.string(name);
        if (value == null) {
            throw EndpointParameters.invalid(name, "is required: " + expected);
        }
        return value;
    }

    /** {@code request} (one JSON object) or {@code requests} (a JSON array of them). */
    private List<String> requests(EndpointParameters body) {
        JsonElement single = json(body, "request");
        JsonElement many = json(body, "requests");
        if (single != null && many != null) {
            throw EndpointParameters.invalid("requests", "cannot be combined with 'request': give one or the other");
        }
        if (many == null) {
            return (single != null) ? List.of(single.toString()) : List.of();
        }
        if (!many.isJsonArray()) {
            throw EndpointParameters.invalid("requests", "must be a JSON array of request objects");
        }
        List<String> requests = new ArrayList<>();
        many.getAsJsonArray().forEach(item -> requests.add(item.toString()));
        return requests;
    }

    /** {@code metadata}: a JSON object of header names to string values. */
    private static Map<String, String> metadata(EndpointParameters body) {
        JsonElement parsed = json(body, "metadata");
        if (parsed == null) {
            return Map.of();
        }
        String expected = "must be a JSON object of header names to string values";
        if (!parsed.isJsonObject()) {
            throw EndpointParameters.invalid("metadata", expected);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : parsed.getAsJsonObject().entrySet()) {
            JsonElement value = entry.getValue();
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw EndpointParameters.invalid("metadata", expected);
            }
            metadata.put(entry.getKey(), value.getAsString());
        }
        return metadata;
    }

    /**
     * A body field as JSON, or {@code null} when absent. Actuator binds a body as a map of strings: a
     * JSON value arrives as its text ({@link JsonValuesBodyAdvice}), as does JSON text in a string.
     */
    private static JsonElement json(EndpointParameters body, String name) {
        String text = body.string(name);
        return (text != null) ? parse(name, text) : null;
    }

    private static JsonElement parse(String name, String json) {
        try {
            return JsonParser.parseString(json);
        }
        catch (JsonParseException ex) {
            // Not the parser's message: it would quote the text, which may hold credentials.
            throw EndpointParameters.invalid(name, "is not valid JSON");
        }
    }

    private Duration timeout(EndpointParameters body) {
        String value = body.string("timeout");
        Duration max = this.properties.getInvokeTimeout();
        if (value == null) {
            return max;
        }
        try {
            Duration timeout = DurationStyle.detectAndParse(value);
            if (!timeout.isNegative() && !timeout.isZero() && timeout.compareTo(max) <= 0) {
                return timeout;
            }
        }
        catch (IllegalArgumentException ex) {
            // reported below with what is accepted
        }
        throw EndpointParameters.invalid("timeout", "must be a positive duration such as 5s or PT5S, at most " + max);
    }

    /**
     * The {@code invoke} entry of the overview.
     *
     * @param enabled always {@code true}: without invoke there is no entry
     * @param timeout the default and longest deadline
     */
    @EndpointView
    record Enabled(boolean enabled, String timeout) {
    }

    /**
     * A call that ended OK.
     *
     * @param service the service called
     * @param method the method called
     * @param code {@code OK}
     * @param requestId the request id the server answered with; absent when it sent none
     * @param responses the response messages as JSON
     * @param truncated whether the stream was cut at {@code grpc.actuator.invoke-max-responses}
     */
    @EndpointView
    record Answered(String service, String method, String code,
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId, List<Object> responses, boolean truncated) {
    }

    /**
     * A call that ended with an error status.
     *
     * @param service the service called
     * @param method the method called
     * @param code the status code name
     * @param requestId the request id the server answered with; absent when it sent none
     * @param message the status description
     * @param details the {@code google.rpc.Status} details as JSON
     * @param responses the response messages received before the error
     */
    @EndpointView
    record Failed(String service, String method, String code,
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId, String message, Object details,
            List<Object> responses) {
    }
}
