package io.github.grpcops.status;

import io.github.grpcops.test.EchoTestApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The echo application as a process of its own, for tests that kill an instance outright. */
public final class StatusTestInstance {

    private StatusTestInstance() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(EchoTestApplication.class).web(WebApplicationType.NONE).run(args);
    }
}
