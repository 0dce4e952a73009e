package io.github.grpcops.pipeline;

import org.slf4j.MDC;

/** One MDC entry for the length of a scope, the thread's previous value (or none) put back on close. */
public final class MdcScope {

    private MdcScope() {
    }

    public static CallObserver.Scope put(String key, String value) {
        String previous = MDC.get(key);
        MDC.put(key, value);
        return () -> {
            if (previous == null) {
                MDC.remove(key);
            }
            else {
                MDC.put(key, previous);
            }
        };
    }
}
