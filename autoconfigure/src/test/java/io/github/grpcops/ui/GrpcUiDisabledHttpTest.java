package io.github.grpcops.ui;

import io.github.grpcops.test.EchoTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code grpc.ui.enabled} nothing of the console is served, though the endpoint is exposed:
 * its files are not under a folder a web application serves by itself (static/, META-INF/resources/ …).
 */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=grpc,grpcui", "grpc.metrics.enabled=false" })
class GrpcUiDisabledHttpTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void noPageNorFileIsServedAnywhereWhenTheConsoleIsOff() {
        for (String path : new String[] { "/actuator/grpcui", "/actuator/grpcui/", "/actuator/grpcui/index.html",
                "/actuator/grpcui/app.js", "/actuator/grpcui/capabilities.json", "/index.html", "/app.js",
                "/console.css", "/io/github/grpcops/ui/app.js", "/ui/app.js", "/vendor/uplot/uPlot.esm.js",
                "/webjars/uplot/1.6.30/dist/uPlot.esm.js" }) {
            assertThat(this.http.getForEntity(path, String.class).getStatusCode()).as(path)
                .isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(this.http.getForEntity("/actuator/grpc", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
