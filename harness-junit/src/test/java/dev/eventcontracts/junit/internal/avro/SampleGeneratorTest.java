package dev.eventcontracts.junit.internal.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.junit.samples.avro.OrderPlaced;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {

    private final Schema schema = OrderPlaced.getClassSchema();

    @Test
    void sameSeedAndIndex_giveByteIdenticalEncodings() {
        byte[] a = AvroCodec.encode(new SampleGenerator(7).sample(schema, 3, "orderId"));
        byte[] b = AvroCodec.encode(new SampleGenerator(7).sample(schema, 3, "orderId"));
        byte[] other = AvroCodec.encode(new SampleGenerator(7).sample(schema, 4, "orderId"));

        assertThat(a).isEqualTo(b).isNotEqualTo(other);
    }

    @Test
    void idempotencyKey_readsLikeABusinessKey_andOtherStringsNameTheirField() {
        GenericRecord record = new SampleGenerator(1).sample(schema, 3, "orderId");

        assertThat(record.get("orderId")).isEqualTo("o-3");
        assertThat(record.get("sku")).isEqualTo("sku-3");
        assertThat(((GenericRecord) record.get("customer")).get("id")).isEqualTo("id-3");
    }

    @Test
    void logicalTypesUnionsEnumsAndNestedRecords_decodeIntoTheGeneratedClass() {
        GenericRecord record = new SampleGenerator(1).sample(schema, 2, "orderId");
        AvroCodec codec = new AvroCodec(schema, List.of(schema));

        OrderPlaced decoded =
                (OrderPlaced) codec.decode(AvroCodec.encode(record), AvroCodec.schemaId(schema), OrderPlaced.class);

        assertThat(decoded.getPlacedAt().toString()).startsWith("2026-01-01T00:02");
        assertThat(decoded.getTotal().scale()).isEqualTo(2);
        assertThat(decoded.getStatus().name()).isEqualTo("PAID");
        assertThat(decoded.getCustomer().getEmail()).isEqualTo("email-2");
        assertThat(decoded.getCoupon()).isEqualTo("coupon-2");
        assertThat(decoded.getLines()).isNotEmpty();
    }

    @Test
    void unknownWriterSchemaId_isUndecodable_namingTheId() {
        AvroCodec codec = new AvroCodec(schema, List.of(schema));

        assertThatThrownBy(() -> codec.decode(new byte[] {2, 'a'}, 12345L, OrderPlaced.class))
                .isInstanceOf(dev.eventcontracts.junit.internal.codec.UndecodableMessageException.class)
                .hasMessageContaining("writer schema id '12345' is not a known version");
    }
}
