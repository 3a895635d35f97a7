package dev.eventcontracts.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.junit.samples.json.JsonPayloads.Address;
import dev.eventcontracts.junit.samples.json.JsonPayloads.Line;
import dev.eventcontracts.junit.samples.json.JsonPayloads.OrderPlaced;
import dev.eventcontracts.junit.samples.json.JsonPayloads.ParcelScanned;
import dev.eventcontracts.junit.samples.json.JsonPayloads.Payment;
import dev.eventcontracts.junit.samples.json.JsonPayloads.Shipment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TypeSamplesTest {

    @Test
    void record_everyComponentFilled_nestedListsMapsOptionalAndTime() {
        OrderPlaced order = (OrderPlaced) TypeSamples.sample(OrderPlaced.class, 3, "orderId");

        assertThat(order.orderId()).isEqualTo("o-3");
        assertThat(order.customerId()).isEqualTo(UUID.nameUUIDFromBytes("customerId-3".getBytes()));
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-01-01T00:03:00Z"));
        assertThat(order.deliveryDate()).hasToString("2026-01-04");
        assertThat(order.payment()).isEqualTo(Payment.VOUCHER);
        assertThat(order.lines()).containsExactly(new Line("sku-3", 1003, new BigDecimal("13.50")));
        assertThat(order.tags()).containsExactly(Map.entry("tagsKey-3", 1003));
        assertThat(order.note()).contains("note-3");
    }

    @Test
    void sameIndex_sameSample_otherIndex_otherEvent() {
        Object first = TypeSamples.sample(OrderPlaced.class, 1, "orderId");

        assertThat(TypeSamples.sample(OrderPlaced.class, 1, "orderId")).isEqualTo(first);
        OrderPlaced second = (OrderPlaced) TypeSamples.sample(OrderPlaced.class, 2, "orderId");
        assertThat(second.orderId()).isEqualTo("o-2");
        assertThat(second.customerId()).isNotEqualTo(((OrderPlaced) first).customerId());
        assertThat(second.payment()).isEqualTo(Payment.INVOICE);
    }

    @Test
    void pojo_setterBeanWithNestedConstructorPojo() {
        ParcelScanned parcel = (ParcelScanned) TypeSamples.sample(ParcelScanned.class, 2, "parcelId");

        assertThat(parcel.getParcelId()).isEqualTo("p-2");
        assertThat(parcel.getWeightGrams()).isEqualTo(100_002L);
        assertThat(parcel.getLabels()).containsExactly("labels-2");
        assertThat(parcel.getAddress()).isEqualTo(new Address("street-2", "city-2", 1002));
    }

    @Test
    void nestedIdempotencyKey_followsTheDottedPath() {
        Shipment shipment = (Shipment) TypeSamples.sample(Shipment.class, 5, "ref.region");

        assertThat(shipment.ref().region()).isEqualTo("r-5");
        assertThat(shipment.carrier()).isEqualTo("carrier-5");
    }

    @Test
    void blank_stringsEmptyNumbersZero() {
        Line line = (Line) TypeSamples.blank(Line.class);

        assertThat(line).isEqualTo(new Line("", 0, BigDecimal.ZERO));
    }

    @Test
    void typeWithoutUsableConstructor_namesTheTypeAndTheFix() {
        assertThatThrownBy(() -> TypeSamples.sample(NoConstructor.class, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot build a sample '" + NoConstructor.class.getName() + "'")
                .hasMessageContaining("samples()");
    }

    @Test
    void optionalOfGenericList_filled() {
        record Wrapper(Optional<List<String>> names) {}
        Wrapper w = (Wrapper) TypeSamples.sample(Wrapper.class, 1);

        assertThat(w.names()).contains(List.of("names-1"));
    }

    /** Only a private constructor: nothing a sample builder may call. */
    static final class NoConstructor {
        private NoConstructor(String s) {}
    }
}
