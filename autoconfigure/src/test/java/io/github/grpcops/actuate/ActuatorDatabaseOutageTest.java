package io.github.grpcops.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.grpcops.requestlog.RequestLogWriter;
import io.github.grpcops.status.ServerStatusTracker;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.LocalHttp;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.github.grpcops.test.postgres.RestartablePostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped under a running application: the overview still renders, each database-backed
 * entry saying it is unavailable; every database-backed section answers 503 naming what could not be
 * read (or written) and never the database's own error text, whether the failure surfaces as a query
 * error or as a repository's {@code CannotCreateTransactionException}; the in-memory sections keep
 * answering; once the database is back, so are the sections.
 */
class ActuatorDatabaseOutageTest {

    private static final String ECHO = EchoServiceGrpc.SERVICE_NAME;

    private static RestartablePostgres postgres;

    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        postgres = new RestartablePostgres();
        postgres.start();
        app = new SpringApplicationBuilder(EchoTestApplication.class)
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
                    "spring.main.banner-mode=off", "spring.datasource.url=" + postgres.url(),
                    "spring.datasource.username=" + postgres.username(),
                    "spring.datasource.password=" + postgres.password(), "grpc.jdbc.initialize-schema=always",
                    "spring.jpa.hibernate.ddl-auto=none", "spring.datasource.hikari.connection-timeout=500",
                    "spring.datasource.hikari.validation-timeout=250", "grpc.request-log.writer.flush-interval=50ms",
                    "grpc.request-log.writer.shutdown-timeout=1s", "management.endpoints.web.exposure.include=grpc",
                    "management.endpoint.grpc.access=unrestricted")
            .run();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.start();
        if (app != null) {
            app.close();
        }
        postgres.stop();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDatabaseBackedSectionAnswers503WithoutTheDatabasesTextAndTheOverviewStillRenders() throws Exception {
        TestRestTemplate http = LocalHttp.to(app);
        EchoServiceGrpc.newBlockingStub(app.getBean(GrpcTestClient.class).channel()).echo(EchoCalls.text("before"));
        await().atMost(Duration.ofSeconds(20)).until(() -> app.getBean(RequestLogWriter.class).counts().written() == 1);
        ResponseEntity<Map> key = http.postForEntity("/actuator/grpc/apikeys", Map.of("name", "outage"), Map.class);
        assertThat(key.getStatusCode()).isEqualTo(HttpStatus.OK);
        String requestId = (String) ((List<Map<String, Object>>) http.getForObject("/actuator/grpc/requests", Map.class)
            .get("requests")).get(0).get("requestId");
        String instanceId = app.getBean(ServerStatusTracker.class).current().instanceId();

        postgres.stop();

        Map<String, String> reads = Map.of("/actuator/grpc/requests", "The request log table",
                "/actuator/grpc/requests/" + requestId, "The request log table", "/actuator/grpc/services",
                "The request statistics table", "/actuator/grpc/services/" + ECHO, "The request statistics table",
                "/actuator/grpc/timeline", "The request statistics table", "/actuator/grpc/servers",
                "The server status table", "/actuator/grpc/servers/" + instanceId, "The server status table",
                "/actuator/grpc/apikeys", "The API key table", "/actuator/grpc/apikeys/" + key.getBody().get("id"),
                "The API key table");
        reads.forEach((path, table) -> {
            ResponseEntity<Map> response = http.getForEntity(path, Map.class);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(response.getBody()).as(path)
                .containsEntry("status", 503)
                .containsEntry("message", table + " could not be read (the database did not answer or failed; "
                        + "the application log has the cause)");
        });
        ResponseEntity<Map> create = http.postForEntity("/actuator/grpc/apikeys", Map.of("name", "during"), Map.class);
        assertThat(create.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat((String) create.getBody().get("message")).startsWith("The API key table could not be written");
        ResponseEntity<Map> revoke = http.exchange("/actuator/grpc/apikeys/" + key.getBody().get("id"),
                HttpMethod.DELETE, null, Map.class);
        assertThat(revoke.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        ResponseEntity<Map> overview = http.getForEntity("/actuator/grpc", Map.class);
        assertThat(overview.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> body = overview.getBody();
        assertThat((Map<String, Object>) ((Map<String, Object>) body.get("requests")).get("statistics"))
            .containsKey("unavailable");
        assertThat((Map<String, Object>) ((Map<String, Object>) body.get("requests")).get("writer"))
            .containsKeys("queued", "written", "dropped");
        for (String entry : List.of("services", "servers", "apikeys")) {
            assertThat((Map<String, Object>) body.get(entry)).as(entry)
                .containsOnlyKeys("unavailable")
                .extractingByKey("unavailable")
                .asString()
                .endsWith("could not be read (the database did not answer or failed; the application log has "
                        + "the cause)");
        }
        assertThat(body).containsKeys("instance", "inflight", "metrics");
        String everything = http.getForObject("/actuator/grpc", String.class)
                + http.getForObject("/actuator/grpc/requests", String.class)
                + http.getForObject("/actuator/grpc/apikeys", String.class);
        assertThat(everything).doesNotContainIgnoringCase("connect")
            .doesNotContainIgnoringCase("refused")
            .doesNotContainIgnoringCase("postgres")
            .doesNotContainIgnoringCase("jdbc")
            .doesNotContain(String.valueOf(postgres.url().replaceAll(".*:(\\d+)/.*", "$1")));
        assertThat(http.getForEntity("/actuator/grpc/instance", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/grpc/inflight", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        postgres.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reads.keySet()
            .forEach(path -> assertThat(http.getForEntity(path, Map.class).getStatusCode()).as(path)
                .isEqualTo(HttpStatus.OK)));
    }
}
