package io.github.grpcops.client;

import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;

import io.grpc.Metadata;

/**
 * Base of the interceptors that carry something of the server call the current thread serves on to the
 * calls it makes (its request id, its trace): the first value the sources on the class path give, else the
 * fallback's. Sources are found with {@link ServiceLoader}, so this module needs nothing of the server's.
 */
abstract class ServedCallHeaderClientInterceptor extends HeaderClientInterceptor {

    private final List<Supplier<String>> sources;

    private final Supplier<String> fallback;

    ServedCallHeaderClientInterceptor(Metadata.Key<String> header, List<Supplier<String>> sources,
            Supplier<String> fallback) {
        super(header);
        this.sources = sources;
        this.fallback = fallback;
    }

    /**
     * The implementations of {@code type} registered in {@code META-INF/services}, loaded with this module's
     * class loader, which sees the server's jars in a Boot application; each read through {@code current}.
     */
    static <S> List<Supplier<String>> load(Class<S> type, Function<S, String> current) {
        return ServiceLoader.load(type, type.getClassLoader())
            .stream()
            .map(ServiceLoader.Provider::get)
            .<Supplier<String>>map(source -> () -> current.apply(source))
            .toList();
    }

    @Override
    protected String value() {
        for (Supplier<String> source : this.sources) {
            String current = source.get();
            if (current != null) {
                return current;
            }
        }
        return this.fallback.get();
    }
}
