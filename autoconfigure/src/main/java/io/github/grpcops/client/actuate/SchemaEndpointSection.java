package io.github.grpcops.client.actuate;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.EndpointView;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.client.DynamicClientException;
import io.github.grpcops.client.DynamicGrpcClient;
import io.github.grpcops.client.MethodDescription;
import io.github.grpcops.client.ProtoSchema;
import io.github.grpcops.client.UnknownServiceException;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/grpc/schema}: this server's services as its reflection service describes them, each
 * method with its call type, messages and a JSON request template; {@code /schema/{service}} the
 * service's file as {@code .proto} text and as a base64 {@code FileDescriptorSet} (with the files it
 * imports) that {@code protoc --descriptor_set_in} and {@code buf} accept. Answers 503 when the server
 * has not started or offers no reflection ({@code grpc.server.reflection-service-enabled}).
 */
class SchemaEndpointSection implements GrpcEndpointSection {

    /** Reflection itself is not an API to call from a form. */
    private static final String REFLECTION = "grpc.reflection.";

    private final OwnServerClient client;

    SchemaEndpointSection(OwnServerClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "schema";
    }

    @Override
    public Object read(EndpointParameters parameters) {
        return withClient(client -> {
            List<Service> services = new ArrayList<>();
            for (String name : client.listServices()) {
                if (!name.startsWith(REFLECTION)) {
                    ServiceDescriptor descriptor = client.descriptor(name);
                    services.add(new Service(name, descriptor.getFile().getName(), client.describe(name)
                        .methods()
                        .stream()
                        .map(method -> Method.of(method, descriptor))
                        .toList()));
                }
            }
            return new Services(services);
        });
    }

    @Override
    public Object readOne(String service, EndpointParameters parameters) {
        return withClient(client -> {
            FileDescriptor file;
            try {
                file = client.descriptor(service).getFile();
            }
            catch (UnknownServiceException ex) {
                return null;
            }
            return new File(service, file.getName(), ProtoSchema.protoText(file),
                    Base64.getEncoder().encodeToString(ProtoSchema.descriptorSet(file).toByteArray()));
        });
    }

    private Object withClient(Function<DynamicGrpcClient, Object> read) {
        DynamicGrpcClient current = this.client.get();
        if (current == null) {
            return unavailable("The gRPC server has not started (or listens on no network port)");
        }
        try {
            return read.apply(current);
        }
        catch (DynamicClientException ex) {
            return unavailable("The schema could not be read from the server's reflection service: " + ex.getMessage());
        }
    }

    private static Object unavailable(String message) {
        return GrpcEndpointSection.error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, message);
    }

    /**
     * {@code /schema}.
     *
     * @param services the services reflection lists, by name
     */
    @EndpointView
    record Services(List<Service> services) {
    }

    /**
     * A service.
     *
     * @param name {@code package.Service}
     * @param file the proto file declaring it
     * @param methods its methods, in declaration order
     */
    @EndpointView
    record Service(String name, String file, List<Method> methods) {
    }

    /**
     * A method.
     *
     * @param name {@code Method}
     * @param fullName {@code package.Service/Method}
     * @param type {@code UNARY}, {@code CLIENT_STREAMING}, {@code SERVER_STREAMING} or {@code BIDI_STREAMING}
     * @param requestType the request message's full name
     * @param responseType the response message's full name
     * @param requestTemplate a JSON request with every field at its default
     */
    @EndpointView
    record Method(String name, String fullName, String type, String requestType, String responseType,
            String requestTemplate) {

        static Method of(MethodDescription method, ServiceDescriptor service) {
            return new Method(method.name(), method.fullName(), method.type().name(), method.requestType(),
                    method.responseType(),
                    ProtoSchema.requestTemplate(service.findMethodByName(method.name()).getInputType()));
        }
    }

    /**
     * {@code /schema/{service}}.
     *
     * @param service {@code package.Service}
     * @param file the proto file declaring it
     * @param proto that file as {@code .proto} text (reflection carries no comments)
     * @param descriptorSet base64 of a {@code FileDescriptorSet} with the file and its imports
     */
    @EndpointView
    record File(String service, String file, String proto, String descriptorSet) {
    }
}
