package io.github.grpcops.test;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Real HTTP to an application started in the test (SpringApplicationBuilder, {@code server.port=0}). */
public final class LocalHttp {

    private LocalHttp() {
    }

    /** A client with relative paths on the application's web server. */
    public static TestRestTemplate to(ConfigurableApplicationContext application) {
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port));
    }
}
