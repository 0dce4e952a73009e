package io.github.grpcops.client.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.client.CallFailedException;
import io.github.grpcops.client.DynamicClientException;
import io.github.grpcops.client.DynamicGrpcClient;
import io.github.grpcops.client.DynamicResponse;
import io.github.grpcops.client.InvalidRequestException;
import io.github.grpcops.client.UnknownMethodException;
import io.github.grpcops.client.UnknownServiceException;
import io.github.grpcops.requestid.RequestIds;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.config.GrpcServerProperties.Security;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * {@code POST /actuator/grpc/invoke}: calls a method of this server over its real port with the
 * {@link DynamicGrpcClient}, so the call passes the whole pipeline (auth, request log, rate limits)
 * like any other. Body: {@code service}, {@code method}, {@code request} (a JSON object) or
 * {@code requests} (a JSON array, for client streams and bidi), {@code metadata} (a JSON object of
 * header names to values, e.g. credentials), {@code timeout} ({@code 5s} or {@code PT5S}). Actuator
 * binds a body as a map of strings, so request, requests and metadata are JSON text in a string.
 *
 * <p>Metadata values may be credentials: they are never logged nor echoed, not even in errors.
 */
public class InvokeEndpointSection implements GrpcEndpointSection, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InvokeEndpointSection.class);

    private static final Set<String> WILDCARDS = Set.of(GrpcServerProperties.ANY_IP_ADDRESS,
            GrpcServerProperties.ANY_IPv4_ADDRESS, GrpcServerProperties.ANY_IPv6_ADDRESS, "[::]");

    private final InvokeEndpointProperties properties;

    private final GrpcServerProperties server;

    private final Gson gson = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

    private volatile DynamicGrpcClient client;

    /**
     * @param server net.devh's server settings: its inbound limit bounds the requests (a larger one is
     * a 400, as the server would reset the call without saying why) and its TLS certificate is trusted
     */
    public InvokeEndpointSection(InvokeEndpointProperties properties, GrpcServerProperties server) {
        this.properties = properties;
        this.server = server;
    }

    @Override
    public String name() {
        return "invoke";
    }

    /** Connects to the server's real address once it listens (its port may be random). */
    @EventListener
    public synchronized void onServerStarted(GrpcServerStartedEvent event) {
        if (this.client != null || event.getPort() < 0) {
            return;
        }
        String host = WILDCARDS.contains(event.getAddress()) ? "127.0.0.1" : event.getAddress();
        DataSize inboundLimit = this.server.getMaxInboundMessageSize();
        DynamicGrpcClient.Builder builder = DynamicGrpcClient.forAddress(host, event.getPort())
            .defaultTimeout(this.properties.getInvokeTimeout());
        if (inboundLimit != null) {
            builder.maxRequestSize((int) inboundLimit.toBytes());
        }
        Security security = this.server.getSecurity();
        if (security.isEnabled()) {
            trustOwnCertificate(builder, security.getCertificateChain());
        }
        this.client = builder.build();
    }

    /**
     * TLS to this server: trusts its own certificate chain and checks the name in it, since the
     * connection goes to an IP address. Servers that require client certificates are not supported.
     */
    private static void trustOwnCertificate(DynamicGrpcClient.Builder builder, Resource chain) {
        if (chain == null) {
            log.warn("Actuator invoke cannot trust this TLS server: it has no grpc.server.security.certificate-chain");
            return;
        }
        try (InputStream pem = chain.getInputStream(); InputStream again = chain.getInputStream()) {
            builder.tlsTrusting(pem);
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(again);
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names != null) {
                names.stream()
                    .filter(name -> Integer.valueOf(2).equals(name.get(0))) // dNSName
                    .findFirst()
                    .ifPresent(name -> builder.overrideAuthority((String) name.get(1)));
            }
        }
        catch (IOException | GeneralSecurityException ex) {
            log.warn("Actuator invoke cannot read the server certificate {}: {}", chain, ex.toString());
        }
    }

    @Override
    public Object overview(EndpointParameters parameters) {
        return GrpcEndpointSection.entries("enabled", true, "timeout", this.properties.getInvokeTimeout().toString());
    }

    @Override
    public Object write(EndpointParameters body) {
        String service = required(body, "service", "a service's full name, e.g. sample.v1.UserService");
        String method = required(body, "method", "a method's name, e.g. GetUser");
        List<String> requests = requests(body);
        Map<String, String> metadata = metadata(body);
        Duration timeout = timeout(body);
        DynamicGrpcClient current = this.client;
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
            Map<String, Object> result = outcome(service, method, "OK", response.header(RequestIds.HEADER_NAME));
            result.put("responses", parsed(response.messages()));
            result.put("truncated", response.truncated());
            return result;
        }
        catch (CallFailedException ex) {
            Map<String, Object> result = outcome(service, method, ex.getCode().name(),
                    ex.header(RequestIds.HEADER_NAME));
            result.put("message", ex.getDescription());
            result.put("details", this.gson.fromJson(ex.getDetailsJson(), Object.class));
            result.put("responses", parsed(ex.getReceived()));
            return result;
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

    private static Map<String, Object> outcome(String service, String method, String code, String requestId) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("service", service);
        result.put("method", method);
        result.put("code", code);
        if (requestId != null) {
            result.put("requestId", requestId);
        }
        return result;
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

    /**
     * {@code request} (one JSON object) or {@code requests} (a JSON array of them). Actuator binds a
     * body as a map of strings, so both arrive as JSON text.
     */
    private List<String> requests(EndpointParameters body) {
        String single = body.string("request");
        String many = body.string("requests");
        if (single != null && many != null) {
            throw EndpointParameters.invalid("requests", "cannot be combined with 'request': give one or the other");
        }
        if (many == null) {
            return (single != null) ? List.of(single) : List.of();
        }
        JsonElement parsed = parse("requests", many);
        if (!parsed.isJsonArray()) {
            throw EndpointParameters.invalid("requests", "must be a JSON array of request objects, as a string");
        }
        List<String> requests = new ArrayList<>();
        parsed.getAsJsonArray().forEach(item -> requests.add(item.toString()));
        return requests;
    }

    /** {@code metadata}: a JSON object of header names to string values, as a string. */
    private static Map<String, String> metadata(EndpointParameters body) {
        String text = body.string("metadata");
        if (text == null) {
            return Map.of();
        }
        JsonElement parsed = parse("metadata", text);
        String expected = "must be a JSON object of header names to string values, as a string";
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

    @Override
    public void destroy() {
        DynamicGrpcClient current = this.client;
        if (current != null) {
            current.close();
        }
    }
}
