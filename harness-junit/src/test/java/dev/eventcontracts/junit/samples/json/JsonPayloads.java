package dev.eventcontracts.junit.samples.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** JSON payload shapes the contract scenarios build samples of: records, POJOs, nesting. */
public final class JsonPayloads {

    private JsonPayloads() {}

    /** How an order is paid. */
    public enum Payment {
        CARD,
        INVOICE,
        VOUCHER
    }

    /** A nested record. */
    public record Line(String sku, int quantity, BigDecimal price) {}

    /** The inventory's JSON event: a record with nested types, enums, collections and java.time values. */
    public record OrderPlaced(
            String orderId,
            UUID customerId,
            Instant placedAt,
            LocalDate deliveryDate,
            Payment payment,
            List<Line> lines,
            Map<String, Integer> tags,
            Optional<String> note) {}

    /** A POJO with a no-arg constructor and setters. */
    public static final class ParcelScanned {
        private String parcelId;
        private long weightGrams;
        private Payment payment;
        private List<String> labels;
        private Address address;

        public String getParcelId() {
            return parcelId;
        }

        public void setParcelId(String parcelId) {
            this.parcelId = parcelId;
        }

        public long getWeightGrams() {
            return weightGrams;
        }

        public void setWeightGrams(long weightGrams) {
            this.weightGrams = weightGrams;
        }

        public Payment getPayment() {
            return payment;
        }

        public void setPayment(Payment payment) {
            this.payment = payment;
        }

        public List<String> getLabels() {
            return labels;
        }

        public void setLabels(List<String> labels) {
            this.labels = labels;
        }

        public Address getAddress() {
            return address;
        }

        public void setAddress(Address address) {
            this.address = address;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParcelScanned p
                    && Objects.equals(parcelId, p.parcelId)
                    && weightGrams == p.weightGrams
                    && payment == p.payment
                    && Objects.equals(labels, p.labels)
                    && Objects.equals(address, p.address);
        }

        @Override
        public int hashCode() {
            return Objects.hash(parcelId, weightGrams, payment, labels, address);
        }
    }

    /** A POJO with final fields and one public constructor (read back through its parameter names). */
    public static final class Address {
        private final String street;
        private final String city;
        private final int zip;

        public Address(String street, String city, int zip) {
            this.street = street;
            this.city = city;
            this.zip = zip;
        }

        public String getStreet() {
            return street;
        }

        public String getCity() {
            return city;
        }

        public int getZip() {
            return zip;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a
                    && Objects.equals(street, a.street)
                    && Objects.equals(city, a.city)
                    && zip == a.zip;
        }

        @Override
        public int hashCode() {
            return Objects.hash(street, city, zip);
        }
    }

    /** A payload keyed by a nested id. */
    public record Shipment(Ref ref, String carrier) {}

    /** The nested id. */
    public record Ref(UUID id, String region) {}
}
