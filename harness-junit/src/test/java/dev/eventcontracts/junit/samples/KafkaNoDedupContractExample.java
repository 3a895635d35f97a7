package dev.eventcontracts.junit.samples;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.jupiter.ContractTestExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Kafka contract test as the generator writes it, run by ContractTestExtensionTest through the launcher. */
@DisplayName("AnnotatedNoDedupConsumer#onOrderPlaced contract")
class KafkaNoDedupContractExample {

    @RegisterExtension
    static final ContractTestExtension contract = ContractTestExtension.of(
            ConsumerContract.fromAnnotation(KafkaSamples.AnnotatedNoDedupConsumer.class, "onOrderPlaced")
                    .fixture(KafkaSamples.AnnotatedNoDedupFixture.class)
                    .build());

    @Test
    @DisplayName("(a) delivered twice: same effects as one delivery")
    void duplicateDelivery() {
        contract.verify(Scenario.DUPLICATE_DELIVERY);
    }

    @Test
    @DisplayName("(g) undecodable bytes: dead-lettered on the first delivery")
    void undecodableBytes() {
        contract.verify(Scenario.UNDECODABLE_BYTES);
    }
}
