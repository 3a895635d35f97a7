package dev.eventcontracts.kafka.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.registry.EmbeddedRegistry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConfluentWireFormatTest {

    static final Schema V1 = new Schema.Parser()
            .parse("{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"com.example\",\"fields\":["
                    + "{\"name\":\"orderId\",\"type\":\"string\"},{\"name\":\"quantity\",\"type\":\"int\"}]}");
    static final Schema V2 = new Schema.Parser()
            .parse("{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"com.example\",\"fields\":["
                    + "{\"name\":\"orderId\",\"type\":\"string\"},{\"name\":\"quantity\",\"type\":\"int\"},"
                    + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");

    private static EmbeddedRegistry registry;
    private static ConfluentWireFormat format;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedRegistry.builder().build().start();
        format = new ConfluentWireFormat(new CcompatSchemaLookup(registry.ccompatUri()));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static GenericRecord order(String id, int quantity) {
        return new GenericRecordBuilder(V1)
                .set("orderId", id)
                .set("quantity", quantity)
                .build();
    }

    @Test
    void encode_writesMagicByteSchemaIdBigEndianAndAvroBody() {
        byte[] bytes = format.encode("orders-value", V1, order("o-1", 2));

        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(bytes[0]).isZero();
        assertThat(id).isPositive();
        // Avro binary: string "o-1" = zigzag length 3 (0x06) + bytes, int 2 = zigzag 0x04
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).containsExactly(0x06, 'o', '-', '1', 0x04);
        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(id);
    }

    @Test
    void decode_resolvesTheIdThroughCcompat_andReturnsTheValue() {
        byte[] bytes = format.encode("orders-value", V1, order("o-2", 5));

        ConfluentWireFormat.Decoded decoded =
                new ConfluentWireFormat(new CcompatSchemaLookup(registry.ccompatUri())).decode(bytes);

        assertThat(decoded.writerSchema()).isEqualTo(V1);
        assertThat(decoded.value()).isEqualTo(order("o-2", 5));
    }

    @Test
    void decode_withANewerReaderSchema_fillsTheDefault() {
        byte[] bytes = format.encode("orders-evolving-value", V1, order("o-3", 1));

        GenericRecord read = (GenericRecord) format.decode(bytes, V2).value();

        assertThat(read.getSchema()).isEqualTo(V2);
        assertThat(read.get("orderId")).hasToString("o-3");
        assertThat(read.get("note")).isNull();
    }

    @Test
    void sameSchemaUnderTwoSubjects_hasOneIdAsInTheRegistry() {
        byte[] first = format.encode("a-value", V1, order("o", 1));
        byte[] second = format.encode("b-value", V1, order("o", 1));

        assertThat(ConfluentWireFormat.schemaId(first)).isEqualTo(ConfluentWireFormat.schemaId(second));
    }

    @Test
    void decode_unknownMagicByte_failsNamingTheByteAndTheFix() {
        byte[] bytes = format.encode("orders-value", V1, order("o-4", 1));
        bytes[0] = 0x7b; // '{': a JSON payload

        assertThatThrownBy(() -> format.decode(bytes))
                .isInstanceOfSatisfying(
                        WireFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(WireFormatException.Problem.UNKNOWN_MAGIC_BYTE))
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining("starts with 0x00")
                .hasMessageContaining("align its serializer");
    }

    @Test
    void decode_unknownSchemaId_failsNamingTheIdAndTheRegistry() {
        byte[] bytes = format.encode("orders-value", V1, order("o-5", 1));
        ByteBuffer.wrap(bytes).putInt(1, 987_654);

        assertThatThrownBy(() -> format.decode(bytes))
                .isInstanceOfSatisfying(
                        WireFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(WireFormatException.Problem.UNKNOWN_SCHEMA_ID))
                .hasMessageContaining("Schema id 987654")
                .hasMessageContaining(registry.ccompatUri().toString());
    }

    @Test
    void decode_tooShort_failsShowingTheBytes() {
        assertThatThrownBy(() -> format.decode(new byte[] {0, 0, 1}))
                .isInstanceOfSatisfying(
                        WireFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(WireFormatException.Problem.TOO_SHORT))
                .hasMessageContaining("3 bytes (0x00 0x00 0x01)");
    }

    @Test
    void decode_bodyThatIsNotTheNamedSchema_failsAsUndecodable() {
        byte[] good = format.encode("orders-value", V1, order("o-6", 1));
        byte[] truncated = Arrays.copyOf(good, 6);

        assertThatThrownBy(() -> format.decode(truncated))
                .isInstanceOfSatisfying(
                        WireFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(WireFormatException.Problem.UNDECODABLE_PAYLOAD))
                .hasMessageContaining("'com.example.OrderPlaced'");
    }

    @Test
    void encode_valueOfAnotherShape_failsNamingTheSchema() {
        GenericData.Record wrong = new GenericData.Record(V2);
        wrong.put("orderId", "o");

        assertThatThrownBy(() -> format.encode(1, V2, wrong))
                .isInstanceOfSatisfying(
                        WireFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(WireFormatException.Problem.UNENCODABLE_VALUE))
                .hasMessageContaining("'com.example.OrderPlaced'");
    }
}
