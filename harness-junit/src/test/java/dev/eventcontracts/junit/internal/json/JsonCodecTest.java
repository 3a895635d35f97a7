package dev.eventcontracts.junit.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.junit.TypeSamples;
import dev.eventcontracts.junit.internal.codec.UndecodableMessageException;
import dev.eventcontracts.junit.samples.json.JsonPayloads.OrderPlaced;
import dev.eventcontracts.junit.samples.json.JsonPayloads.ParcelScanned;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonCodecTest {

    static Stream<JsonCodec> codecs() {
        return Stream.of(JsonCodec.jackson2(), JsonCodec.jackson3());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void record_roundTrips_withIsoDatesAndNesting(JsonCodec codec) {
        Object sample = TypeSamples.sample(OrderPlaced.class, 4, "orderId");

        byte[] body = codec.write(sample);

        assertThat(new String(body, StandardCharsets.UTF_8))
                .contains("\"orderId\":\"o-4\"")
                .contains("\"placedAt\":\"2026-01-01T00:04:00Z\"")
                .contains("\"deliveryDate\":\"2026-01-05\"")
                .contains("\"lines\":[{\"sku\":\"sku-4\"");
        assertThat(codec.read(body, OrderPlaced.class)).isEqualTo(sample);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void pojo_withSettersAndConstructorOnlyNestedPojo_roundTrips(JsonCodec codec) {
        Object sample = TypeSamples.sample(ParcelScanned.class, 2, "parcelId");

        assertThat(codec.read(codec.write(sample), ParcelScanned.class)).isEqualTo(sample);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void unknownProperties_areIgnored_likeSpringBootsMapper(JsonCodec codec) {
        byte[] body = "{\"parcelId\":\"p-1\",\"addedLater\":true}".getBytes(StandardCharsets.UTF_8);

        assertThat(((ParcelScanned) codec.read(body, ParcelScanned.class)).getParcelId())
                .isEqualTo("p-1");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void bytesThatAreNotJson_areUndecodable_namingTheType(JsonCodec codec) {
        byte[] body = new byte[32];
        Arrays.fill(body, (byte) 0x80);

        assertThatThrownBy(() -> codec.read(body, OrderPlaced.class))
                .isInstanceOf(UndecodableMessageException.class)
                .hasMessageStartingWith("bytes are not a JSON '" + OrderPlaced.class.getName() + "' (" + codec.name());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void documentWithEveryFieldOfTheWrongType_isUndecodable(JsonCodec codec) {
        for (Class<?> type : new Class<?>[] {OrderPlaced.class, ParcelScanned.class}) {
            byte[] good = codec.write(TypeSamples.sample(type, 1));
            byte[] wrong = JsonDocuments.wrongTypes(good).orElseThrow();

            assertThat(JsonDocuments.object(wrong)).isPresent();
            assertThatThrownBy(() -> codec.read(wrong, type))
                    .as(new String(wrong, StandardCharsets.UTF_8))
                    .isInstanceOf(UndecodableMessageException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void trailingGarbage_isUndecodable(JsonCodec codec) {
        byte[] body = "{\"parcelId\":\"p-1\"} {".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.read(body, ParcelScanned.class)).isInstanceOf(UndecodableMessageException.class);
    }

    @Test
    void forClasspath_takesJackson3WhenPresent_elseJackson2() {
        assertThat(JsonCodec.forClasspath(getClass().getClassLoader()).name()).isEqualTo("Jackson 3");
        ClassLoader withoutJackson3 = new ClassLoader(null) {};
        assertThat(JsonCodec.forClasspath(withoutJackson3).name()).isEqualTo("Jackson 2");
    }

    @Test
    void valueAt_readsDottedPaths() {
        byte[] body = "{\"ref\":{\"id\":\"r-1\"},\"n\":3}".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonDocuments.valueAt(body, "ref.id")).contains("r-1");
        assertThat(JsonDocuments.valueAt(body, "n")).contains("3");
        assertThat(JsonDocuments.valueAt(body, "ref")).isEmpty();
    }
}
