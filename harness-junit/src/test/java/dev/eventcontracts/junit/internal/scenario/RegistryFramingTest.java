package dev.eventcontracts.junit.internal.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.annotations.WireFormat;
import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import dev.eventcontracts.junit.internal.codec.UndecodableMessageException;
import dev.eventcontracts.junit.internal.json.JsonCodec;
import dev.eventcontracts.junit.samples.InventoryConsumers;
import dev.eventcontracts.junit.samples.KafkaSamples;
import dev.eventcontracts.junit.samples.avro.OrderPlaced;
import dev.eventcontracts.kafka.wire.ConfluentWireFormat;
import dev.eventcontracts.kafka.wire.SchemaLookup;
import dev.eventcontracts.kafka.wire.WireFormatException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The bytes of Confluent-framed scenario records, and how our listener container reads them back. */
class RegistryFramingTest {

    /** A registry in a map: ids from 7 upwards, as a ccompat API would give them. */
    private static final class MapRegistry implements SchemaLookup {
        final Map<Integer, Schema> byId = new HashMap<>();

        @Override
        public Schema schema(int id) {
            Schema schema = byId.get(id);
            if (schema == null) {
                throw new WireFormatException(WireFormatException.Problem.UNKNOWN_SCHEMA_ID, "no id " + id, null);
            }
            return schema;
        }

        @Override
        public int register(String subject, Schema schema) {
            for (var e : byId.entrySet()) {
                if (e.getValue().equals(schema)) {
                    return e.getKey();
                }
            }
            int id = 7 + byId.size();
            byId.put(id, schema);
            return id;
        }

        @Override
        public String location() {
            return "map";
        }
    }

    private final ConsumerContract contract = KafkaSamples.inventory(
                    InventoryConsumers.InventoryConsumer.class,
                    "onOrderPlaced",
                    InventoryConsumers.InventoryFixture.class)
            .wireFormat(WireFormat.CONFLUENT)
            .build();
    private final MapRegistry registry = new MapRegistry();
    private final RegistryFraming framing = RegistryFraming.confluent(contract, registry);
    private final Samples samples = new Samples(
            contract, 42, JsonCodec.forClasspath(getClass().getClassLoader()), List::of, () -> "no fixture");
    private final PayloadDecoder payloads = new PayloadDecoder(
            contract,
            new AvroCodec(contract.readerSchema(), contract.writerSchemas()),
            JsonCodec.forClasspath(getClass().getClassLoader()));

    @Test
    void goodSample_isMagicByteRegisteredIdAndAvro_andDecodesToTheGeneratedClass() {
        Sample good = samples.good(1);

        Sample framed = framing.frame(good);

        assertThat(framed.schemaId()).as("no schema id header").isNull();
        assertThat(framed.body()[0]).isEqualTo(ConfluentWireFormat.MAGIC_BYTE);
        int id = ByteBuffer.wrap(framed.body(), 1, 4).getInt();
        assertThat(registry.byId).containsEntry(id, OrderPlaced.getClassSchema());
        assertThat(framing.frame(framed)).as("framing twice changes nothing").isEqualTo(framed);
        Object decoded = framing.decode(framed.body(), payloads);
        assertThat(decoded).isInstanceOf(OrderPlaced.class);
        assertThat(((OrderPlaced) decoded).getOrderId().toString())
                .isEqualTo(
                        payloads.decode(good.body(), good.schemaId()) instanceof OrderPlaced o
                                ? o.getOrderId().toString()
                                : null);
    }

    @Test
    void wrongSchema_getsAnIdTheRegistryDoesNotKnow_andIsRefusedAsUndecodable() {
        Sample framed = framing.frame(samples.wrongSchema().orElseThrow());

        int id = ConfluentWireFormat.schemaId(framed.body());
        assertThat(registry.byId).doesNotContainKey(id);
        assertThat(framed.description())
                .contains("under schema id " + id + ", which the registry at map does not know");
        assertThatThrownBy(() -> framing.decode(framed.body(), payloads))
                .isInstanceOf(UndecodableMessageException.class)
                .hasMessageContaining("no id " + id);
    }

    @Test
    void undecodableBytes_areSentAsTheyAre_andRefusedForTheirMagicByte() {
        Sample framed = framing.frame(samples.undecodable());

        assertThat(framed.body()).isEqualTo(samples.undecodable().body());
        assertThatThrownBy(() -> framing.decode(framed.body(), payloads))
                .isInstanceOf(UndecodableMessageException.class)
                .hasMessageContaining("Unknown magic byte 0x80");
    }

    @Test
    void pluginRegistryUri_becomesTheCcompatApi() {
        assertThat(RegistryFraming.ccompatBase("http://127.0.0.1:8081/apis/registry/v2/"))
                .hasToString("http://127.0.0.1:8081/apis/ccompat/v7");
        assertThat(RegistryFraming.ccompatBase("http://schema-registry:8081"))
                .hasToString("http://schema-registry:8081");
    }
}
