package io.github.grpcops.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.grpcops.actuate.GrpcEndpoint;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.lang.Nullable;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * {@code /actuator/grpcui/}: the web console's page and files, read-only operations of an endpoint of
 * its own, so the console follows Actuator's exposure, base path, port and the application's security
 * rules for Actuator paths. The page is {@code /actuator/grpcui/}; {@code /actuator/grpcui} (without the
 * slash) sends the browser there, so the page's relative URLs resolve under the endpoint's path.
 * {@code capabilities.json} says which write actions the page may offer.
 */
@WebEndpoint(id = "grpcui")
public class GrpcUiEndpoint {

    private static final MimeType HTML = MimeType.valueOf("text/html;charset=UTF-8");

    private final GrpcUiProperties properties;

    private final EndpointAccessResolver access;

    private final Supplier<List<String>> sections;

    private final ConsoleFiles files = new ConsoleFiles();

    /**
     * @param access how Actuator decides each endpoint's access; {@code null} means every endpoint has
     * its default
     * @param sections the names of the {@code grpc} endpoint's sections; empty when that endpoint is not
     * available
     */
    public GrpcUiEndpoint(GrpcUiProperties properties, @Nullable EndpointAccessResolver access,
            Supplier<List<String>> sections) {
        this.properties = properties;
        this.access = access;
        this.sections = sections;
    }

    /** A page that sends the browser on to {@code grpcui/}, where relative URLs resolve below the endpoint. */
    @ReadOperation(produces = "text/html")
    public WebEndpointResponse<byte[]> root() {
        return new WebEndpointResponse<>(this.files.read("redirect.html"), HTML);
    }

    /** The page ({@code /actuator/grpcui/}), a file of the console, {@code capabilities.json}, or 404. */
    @ReadOperation(produces = { "text/html", "text/javascript", "text/css", "image/svg+xml", "application/json" })
    public WebEndpointResponse<?> file(@Selector(match = Match.ALL_REMAINING) String[] path) {
        String name = (path.length == 0) ? "index.html" : String.join("/", path);
        if (name.equals("capabilities.json")) {
            return new WebEndpointResponse<>(capabilities(), MimeTypeUtils.APPLICATION_JSON);
        }
        ConsoleFiles.File file = this.files.find(name);
        return (file != null) ? new WebEndpointResponse<>(file.content(), file.type())
                : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }

    /**
     * What the page may offer: the {@code grpc} endpoint's sections (known without asking the database);
     * {@code writes} is whether Actuator maps that endpoint's write operations (its access is
     * unrestricted) and the console is not read-only.
     */
    private Map<String, Object> capabilities() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("sections", this.sections.get());
        capabilities.put("readOnly", this.properties.isReadOnly());
        capabilities.put("writes", !this.properties.isReadOnly() && grpcAccess() == Access.UNRESTRICTED);
        return capabilities;
    }

    private Access grpcAccess() {
        return GrpcEndpoint.access(this.access);
    }
}
