package io.github.grpcops.netdevh;

import io.github.grpcops.server.UnknownMethods;
import io.grpc.HandlerRegistry;
import io.grpc.ServerMethodDefinition;

/**
 * The server's fallback handler registry: grpc-java asks it for every method no service has, and it
 * answers with {@link UnknownMethods}' refusal bound to the global interceptors, so the call goes
 * through the pipeline (recorded as {@code unknown/unknown}) instead of being refused before it.
 */
final class UnknownMethodRegistry extends HandlerRegistry {

    private final UnknownMethods unknownMethods;

    private final GlobalBinding binding;

    UnknownMethodRegistry(UnknownMethods unknownMethods, GlobalBinding binding) {
        this.unknownMethods = unknownMethods;
        this.binding = binding;
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
        return this.binding.bind(this.unknownMethods.serviceFor(methodName)).getMethods().iterator().next();
    }
}
