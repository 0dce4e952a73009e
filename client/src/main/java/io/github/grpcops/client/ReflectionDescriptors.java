package io.github.grpcops.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.TypeRegistry;
import com.google.rpc.ErrorDetailsProto;

/**
 * The descriptors of one server, built from its reflection answers with their dependencies and kept
 * for the life of the channel (a server's services do not change while it runs; {@link #clear()}
 * forgets them after a redeploy).
 */
class ReflectionDescriptors {

    private final ReflectionClient reflection;

    private final Map<String, FileDescriptorProto> protos = new HashMap<>();

    private final Map<String, FileDescriptor> files = new HashMap<>();

    private final Map<String, ServiceDescriptor> services = new HashMap<>();

    private TypeRegistry typeRegistry;

    ReflectionDescriptors(ReflectionClient reflection) {
        this.reflection = reflection;
    }

    List<String> serviceNames() {
        return this.reflection.listServices();
    }

    synchronized ServiceDescriptor service(String name) {
        ServiceDescriptor cached = this.services.get(name);
        if (cached != null) {
            return cached;
        }
        List<FileDescriptorProto> answer = this.reflection.filesContainingSymbol(name);
        if (answer == null || answer.isEmpty()) {
            throw new UnknownServiceException(name, serviceNames());
        }
        answer.forEach(file -> this.protos.putIfAbsent(file.getName(), file));
        for (FileDescriptorProto proto : answer) {
            for (ServiceDescriptor service : build(proto.getName(), name, new ArrayDeque<>()).getServices()) {
                if (service.getFullName().equals(name)) {
                    this.services.put(name, service);
                    return service;
                }
            }
        }
        throw new UnknownServiceException(name, serviceNames());
    }

    /** Every message type known so far plus the standard error details, to print {@code Any} values. */
    synchronized TypeRegistry typeRegistry() {
        if (this.typeRegistry == null) {
            TypeRegistry.Builder registry = TypeRegistry.newBuilder().add(ErrorDetailsProto.getDescriptor().getMessageTypes());
            this.files.values().forEach(file -> registry.add(file.getMessageTypes()));
            this.typeRegistry = registry.build();
        }
        return this.typeRegistry;
    }

    synchronized void clear() {
        this.protos.clear();
        this.files.clear();
        this.services.clear();
        this.typeRegistry = null;
    }

    private FileDescriptor build(String fileName, String service, Deque<String> importedBy) {
        FileDescriptor built = this.files.get(fileName);
        if (built != null) {
            return built;
        }
        if (importedBy.contains(fileName)) {
            throw new DescriptorResolutionException("Proto files of " + service + " import each other in a cycle: "
                    + String.join(" <- ", importedBy), null);
        }
        FileDescriptorProto proto = this.protos.computeIfAbsent(fileName, this.reflection::fileByName);
        if (proto == null) {
            throw new DescriptorResolutionException("Service " + service + " needs " + fileName + " (imported by "
                    + importedBy.peek() + "), which the server's reflection does not provide", null);
        }
        importedBy.push(fileName);
        FileDescriptor[] dependencies = proto.getDependencyList()
            .stream()
            .map(dependency -> build(dependency, service, importedBy))
            .toArray(FileDescriptor[]::new);
        importedBy.pop();
        try {
            built = FileDescriptor.buildFrom(proto, dependencies);
        }
        catch (DescriptorValidationException ex) {
            throw new DescriptorResolutionException("Proto file " + fileName + " from the server's reflection is invalid: "
                    + ex.getMessage(), ex);
        }
        this.files.put(fileName, built);
        this.typeRegistry = null;
        return built;
    }
}
