package io.github.grpcops.client;

import java.util.List;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TypeRegistry;
import com.google.rpc.ErrorInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON to messages and back, and the path of the offending field in nested and repeated messages. */
class MessageJsonTest {

    // descriptor.proto's FileDescriptorProto: nested, repeated and map-free messages several levels deep.
    private static final Descriptor FILE = FileDescriptorProto.getDescriptor();

    private final MessageJson json = new MessageJson(TypeRegistry.newBuilder().add(ErrorInfo.getDescriptor()).build());

    @Test
    void parsesProtoAndJsonFieldNamesAlike() {
        DynamicMessage proto = this.json.parse("{\"name\": \"a.proto\", \"message_type\": [{\"name\": \"A\"}]}",
                FILE, 0);
        DynamicMessage json = this.json.parse("{\"name\": \"a.proto\", \"messageType\": [{\"name\": \"A\"}]}", FILE,
                0);
        assertThat(proto).isEqualTo(json);
        assertThat(proto.getRepeatedFieldCount(FILE.findFieldByName("message_type"))).isEqualTo(1);
    }

    @Test
    void namesTheOffendingFieldInsideRepeatedNestedMessages() {
        String request = "{\"name\": \"a.proto\", \"messageType\": [{\"name\": \"A\"},"
                + " {\"name\": \"B\", \"field\": [{\"name\": \"f\", \"number\": \"one\"}]}]}";
        assertThatThrownBy(() -> this.json.parse(request, FILE, 2))
            .isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                assertThat(ex.getField()).isEqualTo("messageType[1].field[0].number");
                assertThat(ex.getRequestIndex()).isEqualTo(2);
                assertThat(ex.getMessage()).startsWith("JSON does not fit google.protobuf.FileDescriptorProto at "
                        + "field 'messageType[1].field[0].number' of request 2: ")
                    .contains("one");
            });
    }

    @Test
    void namesTheOffendingFieldInsideANestedMessage() {
        assertThatThrownBy(() -> this.json.parse("{\"options\": {\"javaMultipleFiles\": \"maybe\"}}", FILE, 0))
            .isInstanceOfSatisfying(InvalidRequestException.class,
                    ex -> assertThat(ex.getField()).isEqualTo("options.javaMultipleFiles"));
    }

    @Test
    void aRequestThatIsNotAnObjectNamesNoField() {
        assertThatThrownBy(() -> this.json.parse("[1, 2]", FILE, 0))
            .isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                assertThat(ex.getField()).isNull();
                assertThat(ex.getMessage()).startsWith("JSON does not fit google.protobuf.FileDescriptorProto at request 0");
            });
    }

    @Test
    void printsDefaultValuesSoZeroesAndFalsesAreVisible() {
        DynamicMessage empty = DynamicMessage.getDefaultInstance(FILE);
        assertThat(this.json.print(empty)).contains("\"name\": \"\"").contains("\"messageType\": []");
    }

    @Test
    void detailsOfKnownTypesAreDecodedAndUnknownOnesKeptOpaque() {
        Any known = Any.pack(ErrorInfo.newBuilder().setReason("QUOTA").setDomain("example.com").build());
        Any unknown = Any.newBuilder()
            .setTypeUrl("type.googleapis.com/acme.Secret")
            .setValue(ByteString.copyFromUtf8("xyz"))
            .build();
        assertThat(this.json.details(List.of(known, unknown)))
            .isEqualTo("[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"QUOTA\","
                    + "\"domain\":\"example.com\",\"metadata\":{}},"
                    + "{\"@type\":\"type.googleapis.com/acme.Secret\",\"valueBase64\":\"eHl6\"}]");
    }
}
