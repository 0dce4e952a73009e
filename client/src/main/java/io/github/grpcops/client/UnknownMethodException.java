package io.github.grpcops.client;

import java.util.List;

/** The service exists but has no method of that name. */
public class UnknownMethodException extends DynamicClientException {

    public UnknownMethodException(String service, String method, List<String> available) {
        super("Service '" + service + "' has no method '" + method + "'; it has " + available, null);
    }
}
