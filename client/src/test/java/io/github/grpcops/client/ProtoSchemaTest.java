package io.github.grpcops.client;

import java.util.List;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.util.JsonFormat;
import io.github.grpcops.client.test.EchoRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.grpcops.client.TestServer.ECHO;
import static org.assertj.core.api.Assertions.assertThat;

/** The schema of a real server's echo service, read over reflection: .proto text, descriptor set, template. */
class ProtoSchemaTest {

    private static TestServer server;

    private static DynamicGrpcClient client;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(new EchoService(), TestServer.reflectionV1());
        client = server.client().build();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        client.close();
        server.close();
    }

    @Test
    void protoTextDeclaresTheServiceItsStreamsAndTheMessagesFields() {
        String proto = ProtoSchema.protoText(client.descriptor(ECHO).getFile());
        assertThat(proto).startsWith("syntax = \"proto3\";\n\npackage grpcops.client.test.v1;\n")
            .contains("option java_package = \"io.github.grpcops.client.test\";")
            .contains("service EchoService {\n"
                    + "  rpc Echo(.grpcops.client.test.v1.EchoRequest) returns (.grpcops.client.test.v1.EchoReply);\n"
                    + "  rpc Collect(stream .grpcops.client.test.v1.EchoRequest) returns (.grpcops.client.test.v1.EchoReply);\n"
                    + "  rpc Expand(.grpcops.client.test.v1.EchoRequest) returns (stream .grpcops.client.test.v1.EchoReply);\n"
                    + "  rpc Chat(stream .grpcops.client.test.v1.EchoRequest) returns (stream .grpcops.client.test.v1.EchoReply);\n"
                    + "}\n")
            .contains("message EchoRequest {\n  string text = 1;\n  int32 repeat = 2;\n  int32 delay_ms = 3;\n"
                    + "  string fail_with = 4;\n}\n");
    }

    @Test
    void descriptorSetBuildsTheSameServiceAgain() throws Exception {
        FileDescriptorSet set = FileDescriptorSet.parseFrom(
                ProtoSchema.descriptorSet(client.descriptor(ECHO).getFile()).toByteArray());
        List<FileDescriptorProto> files = set.getFileList();
        assertThat(files).extracting(FileDescriptorProto::getName).endsWith("echo.proto");
        FileDescriptor rebuilt = FileDescriptor.buildFrom(files.get(files.size() - 1), new FileDescriptor[0]);
        assertThat(rebuilt.getServices()).extracting(ServiceDescriptor::getFullName).containsExactly(ECHO);
        assertThat(rebuilt.toProto()).isEqualTo(EchoRequest.getDescriptor().getFile().toProto());
    }

    @Test
    void requestTemplateHasEveryFieldAndParsesAsTheRequest() throws Exception {
        String template = ProtoSchema.requestTemplate(client.descriptor(ECHO).findMethodByName("Echo").getInputType());
        assertThat(template).contains("\"text\": \"\"", "\"repeat\": 0", "\"delayMs\": 0", "\"failWith\": \"\"");
        EchoRequest.Builder parsed = EchoRequest.newBuilder();
        JsonFormat.parser().merge(template, parsed);
        assertThat(parsed.build()).isEqualTo(EchoRequest.getDefaultInstance());
    }
}
