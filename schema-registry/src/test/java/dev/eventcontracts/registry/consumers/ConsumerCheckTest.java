package dev.eventcontracts.registry.consumers;

import static dev.eventcontracts.registry.consumers.Orders.INVENTORY_FILE;
import static dev.eventcontracts.registry.consumers.Orders.READER_CUSTOMER_DEFAULT;
import static dev.eventcontracts.registry.consumers.Orders.READER_NEEDS_CUSTOMER;
import static dev.eventcontracts.registry.consumers.Orders.SUBJECT;
import static dev.eventcontracts.registry.consumers.Orders.WRITER_V1;
import static dev.eventcontracts.registry.consumers.Orders.WRITER_WITHOUT_CUSTOMER;
import static dev.eventcontracts.registry.consumers.Orders.inventory;
import static dev.eventcontracts.registry.consumers.Orders.parse;
import static dev.eventcontracts.registry.consumers.Orders.shipping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.registry.compat.CompatibilityChecker;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.IncompatibilityKind;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class ConsumerCheckTest {

    private final ConsumerCheck check = new ConsumerCheck();

    @Test
    void removingAFieldAReaderNeeds_breaksNamingConsumerFieldAndCodeLocation() {
        ConsumersReport report = check.check(
                SUBJECT,
                parse(WRITER_WITHOUT_CUSTOMER),
                List.of(inventory("1.0.0", READER_NEEDS_CUSTOMER), shipping("3.2.0")));

        assertThat(report.compatible()).isFalse();
        assertThat(report.breaks()).singleElement().satisfies(b -> {
            assertThat(b.service()).isEqualTo("inventory-svc");
            assertThat(b.version()).isEqualTo("1.0.0");
            assertThat(b.field()).isEqualTo("customerId");
            assertThat(b.kind()).isEqualTo(IncompatibilityKind.READER_FIELD_MISSING_DEFAULT_VALUE);
            assertThat(b.readAt()).isEqualTo(INVENTORY_FILE + ":31");
            assertThat(b.message()).contains("inventory-svc 1.0.0", "'customerId'", INVENTORY_FILE + ":31");
            assertThat(b.consumerFix()).contains("Give 'customerId' a default in inventory-svc's reader schema");
            assertThat(b.producerFix()).contains("Keep 'customerId'");
        });
        assertThat(report.summary()).contains("1 cannot read it (inventory-svc 1.0.0)");
    }

    @Test
    void removingAField_afterTheReaderGaveItADefault_passesConsumersWhileFullTransitiveStillRefuses() {
        Schema candidate = parse(WRITER_WITHOUT_CUSTOMER);

        ConsumersReport consumers = check.check(
                SUBJECT, candidate, List.of(inventory("1.1.0", READER_CUSTOMER_DEFAULT), shipping("3.2.0")));
        var history = new CompatibilityChecker()
                .check(CompatibilityLevel.FULL_TRANSITIVE, List.of(parse(WRITER_V1)), candidate);

        assertThat(consumers.compatible()).isTrue();
        assertThat(history.compatible()).isFalse();
    }

    @Test
    void breakOnAFieldTheCodeDoesNotRead_saysOnlyTheReaderSchemaNeedsIt() {
        ConsumerContract schemaOnly =
                new ConsumerContract("billing-svc", "2.0.0", SUBJECT, parse(READER_NEEDS_CUSTOMER), List.of());

        ConsumerBreak b = check.check(SUBJECT, parse(WRITER_WITHOUT_CUSTOMER), schemaOnly)
                .breaks()
                .get(0);

        assertThat(b.readByCode()).isFalse();
        assertThat(b.message()).contains("does not read 'customerId'");
    }

    @Test
    void typeChange_breaksWithTheEnginesWordingAddressedToTheConsumer() {
        String amountAsString = WRITER_V1.replace("\"amount\",\"type\":\"double\"", "\"amount\",\"type\":\"string\"");

        ConsumerBreak b = check.check(SUBJECT, parse(amountAsString), inventory("1.0.0", READER_NEEDS_CUSTOMER))
                .breaks()
                .get(0);

        assertThat(b.kind()).isEqualTo(IncompatibilityKind.TYPE_MISMATCH);
        assertThat(b.field()).isEqualTo("amount");
        assertThat(b.message()).contains("inventory-svc 1.0.0").doesNotContain("v1");
        assertThat(b.consumerFix()).contains("'amount'", "inventory-svc's reader schema");
    }

    @Test
    void noConsumers_isCompatible() {
        assertThat(check.check(SUBJECT, parse(WRITER_WITHOUT_CUSTOMER), List.of())
                        .compatible())
                .isTrue();
    }
}
