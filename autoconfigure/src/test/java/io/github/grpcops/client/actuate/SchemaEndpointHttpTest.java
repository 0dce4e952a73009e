package io.github.grpcops.client.actuate;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import io.github.grpcops.test.EchoTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /actuator/grpc/schema} over real HTTP, read from the application's own server's reflection. */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=grpc", "grpc.metrics.enabled=false" })
class SchemaEndpointHttpTest {

    private static final String ECHO = "grpcops.test.v1.EchoService";

    @Autowired
    TestRestTemplate http;

    @Test
    void listsServicesWithMethodTypesAndRequestTemplatesWithoutReflectionItself() {
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/grpc/schema", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> services = (List<Map<String, Object>>) response.getBody().get("services");
        assertThat(services).extracting(service -> service.get("name")).contains(ECHO)
            .noneMatch(name -> name.toString().startsWith("grpc.reflection."));
        Map<String, Object> echo = services.stream().filter(s -> s.get("name").equals(ECHO)).findFirst().orElseThrow();
        List<Map<String, Object>> methods = (List<Map<String, Object>>) echo.get("methods");
        Map<String, Object> unary = methods.stream().filter(m -> m.get("name").equals("Echo")).findFirst().orElseThrow();
        assertThat(unary).containsEntry("fullName", ECHO + "/Echo").containsEntry("type", "UNARY");
        assertThat((String) unary.get("requestTemplate")).contains("\"text\": \"\"");
        assertThat(methods).extracting(m -> m.get("type")).contains("CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING");
    }

    @Test
    void serviceSchemaIsProtoTextAndADescriptorSetProtocAccepts() throws Exception {
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/grpc/schema/" + ECHO, Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) response.getBody().get("proto")).contains("service EchoService {", "rpc Echo(");
        FileDescriptorSet set = FileDescriptorSet
            .parseFrom(Base64.getDecoder().decode((String) response.getBody().get("descriptorSet")));
        assertThat(set.getFileList()).extracting(FileDescriptorProto::getName).contains((String) response.getBody().get("file"));
    }

    @Test
    void unknownServiceIs404() {
        assertThat(this.http.getForEntity("/actuator/grpc/schema/no.Such", String.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
