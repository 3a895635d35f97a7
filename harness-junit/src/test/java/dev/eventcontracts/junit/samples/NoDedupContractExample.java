package dev.eventcontracts.junit.samples;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.jupiter.ContractTestExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A contract test as the generator writes it, run by ContractTestExtensionTest through the launcher. */
@DisplayName("NoDedupConsumer#onOrderPlaced contract")
class NoDedupContractExample {

    @RegisterExtension
    static final ContractTestExtension contract = ContractTestExtension.of(SampleContracts.inventory(
                    InventoryConsumers.NoDedupConsumer.class, "onOrderPlaced", InventoryConsumers.NoDedupFixture.class)
            .build());

    @Test
    @DisplayName("delivered twice: same effects as one delivery")
    void duplicateDelivery() {
        contract.verify(Scenario.DUPLICATE_DELIVERY);
    }

    @Test
    @DisplayName("undecodable bytes: dead-lettered on the first delivery")
    void undecodableBytes() {
        contract.verify(Scenario.UNDECODABLE_BYTES);
    }
}
