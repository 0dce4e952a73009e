package io.github.grpcops.ui;

import java.util.List;
import java.util.Map;

import io.github.grpcops.test.EchoTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's files over real HTTP, under a custom management base path: types, CSP, 404s, capabilities. */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "grpc.ui.enabled=true",
                "management.endpoints.web.base-path=/manage", "management.endpoints.web.exposure.include=grpc,grpcui",
                "grpc.metrics.enabled=false" })
class GrpcUiEndpointHttpTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void pageIsHtmlWithAStrictContentSecurityPolicyAndRelativeUrlsOnly() {
        ResponseEntity<String> page = this.http.getForEntity("/manage/grpcui/index.html", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("http-equiv=\"Content-Security-Policy\"")
            .contains("default-src 'self'; script-src 'self'; style-src 'self';")
            .contains("object-src 'none'; base-uri 'none'")
            .contains("<script type=\"module\" src=\"app.js\"></script>")
            .doesNotContain("href=\"/")
            .doesNotContain("src=\"/")
            .doesNotContain("http://")
            .doesNotContain("https://");
    }

    @Test
    void scriptsStylesAndVendoredChartLibraryHaveTheirContentTypes() {
        assertType("/manage/grpcui/app.js", "text/javascript");
        assertType("/manage/grpcui/pages/overview.js", "text/javascript");
        assertType("/manage/grpcui/console.css", "text/css");
        assertType("/manage/grpcui/favicon.svg", "image/svg+xml");
        assertType("/manage/grpcui/vendor/uplot/uPlot.iife.min.js", "text/javascript");
        assertType("/manage/grpcui/vendor/uplot/uPlot.min.css", "text/css");
    }

    @Test
    void unknownFilesAndPathsOutsideTheConsoleFolderAre404() {
        assertThat(this.http.getForEntity("/manage/grpcui/nothing.js", String.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(this.http.getForEntity("/manage/grpcui/vendor/uplot/LICENSE", String.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(this.http.getForEntity("/manage/grpcui/..%2F..%2Fapplication.properties", String.class)
            .getStatusCode()).isIn(HttpStatus.NOT_FOUND, HttpStatus.BAD_REQUEST);
        assertThat(this.http.getForEntity("/manage/grpcui/.hidden.js", String.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void endpointPathWithoutSlashSendsTheBrowserToThePageWithIt() {
        ResponseEntity<String> root = this.http.getForEntity("/manage/grpcui", String.class);
        assertThat(root.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(root.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(root.getBody()).contains("<meta http-equiv=\"refresh\" content=\"0; url=grpcui/\">");
        ResponseEntity<String> page = this.http.getForEntity("/manage/grpcui/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).isEqualTo(this.http.getForObject("/manage/grpcui/index.html", String.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void capabilitiesListTheSectionsAndAllowWritesWhenTheGrpcEndpointIsUnrestricted() {
        ResponseEntity<Map> capabilities = this.http.getForEntity("/manage/grpcui/capabilities.json", Map.class);
        assertThat(capabilities.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(capabilities.getBody()).containsEntry("readOnly", false).containsEntry("writes", true);
        // the grpc endpoint's sections, so the page need not ask the database to learn them
        assertThat((List<String>) capabilities.getBody().get("sections")).contains("apikeys", "requests", "schema",
                "servers");
    }

    private void assertType(String path, String type) {
        ResponseEntity<byte[]> response = this.http.getForEntity(path, byte[].class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).as(path).isNotEmpty();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType(type)))
            .as(path + " is " + response.getHeaders().getContentType())
            .isTrue();
    }
}
