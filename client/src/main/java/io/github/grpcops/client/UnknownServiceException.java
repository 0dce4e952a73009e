package io.github.grpcops.client;

import java.util.List;

/** The server's reflection does not know the service. */
public class UnknownServiceException extends DynamicClientException {

    private final String service;

    public UnknownServiceException(String service, List<String> available) {
        super("The server has no service '" + service + "'; it offers " + available, null);
        this.service = service;
    }

    public String getService() {
        return this.service;
    }
}
