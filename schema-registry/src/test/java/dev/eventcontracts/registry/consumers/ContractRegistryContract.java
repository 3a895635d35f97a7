package dev.eventcontracts.registry.consumers;

import static dev.eventcontracts.registry.consumers.Orders.READER_CUSTOMER_DEFAULT;
import static dev.eventcontracts.registry.consumers.Orders.READER_NEEDS_CUSTOMER;
import static dev.eventcontracts.registry.consumers.Orders.SUBJECT;
import static dev.eventcontracts.registry.consumers.Orders.WRITER_V1;
import static dev.eventcontracts.registry.consumers.Orders.inventory;
import static dev.eventcontracts.registry.consumers.Orders.parse;
import static dev.eventcontracts.registry.consumers.Orders.shipping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ContractRegistry} does, whichever registry holds the contracts. */
abstract class ContractRegistryContract {

    protected ContractRegistry registry;

    protected abstract ContractRegistry open() throws Exception;

    protected void cleanUp() throws Exception {}

    @BeforeEach
    void openRegistry() throws Exception {
        registry = open();
    }

    @AfterEach
    void closeRegistry() throws Exception {
        registry.close();
        cleanUp();
    }

    @Test
    void registeredContract_readsBackWithReaderSchemaAndFieldReads() {
        ConsumerContract contract = inventory("1.0.0", READER_NEEDS_CUSTOMER);

        assertThat(registry.register(contract)).isTrue();

        assertThat(registry.latestPerService(SUBJECT)).containsExactly(contract);
    }

    @Test
    void latestPerService_keepsTheNewestContractOfEachService() {
        registry.register(inventory("1.0.0", READER_NEEDS_CUSTOMER));
        registry.register(shipping("3.2.0"));
        registry.register(inventory("1.1.0", READER_CUSTOMER_DEFAULT));

        assertThat(registry.latestPerService(SUBJECT))
                .extracting(ConsumerContract::label)
                .containsExactly("inventory-svc 1.1.0", "shipping-svc 3.2.0");
        assertThat(registry.history(SUBJECT)).hasSize(3);
    }

    @Test
    void reRegisteringAnEqualContract_writesNothing() {
        registry.register(inventory("1.0.0", READER_NEEDS_CUSTOMER));

        assertThat(registry.register(inventory("1.0.0", READER_NEEDS_CUSTOMER))).isFalse();
        assertThat(registry.history(SUBJECT)).hasSize(1);
    }

    @Test
    void sameVersionWithAChangedReader_isANewContractVersion() {
        registry.register(inventory("1.0.0-SNAPSHOT", READER_NEEDS_CUSTOMER));
        registry.register(inventory("1.0.0-SNAPSHOT", READER_CUSTOMER_DEFAULT));

        assertThat(registry.latestPerService(SUBJECT).get(0).reader()).isEqualTo(parse(READER_CUSTOMER_DEFAULT));
    }

    @Test
    void deployments_latestRecordPerServiceIsWhatRuns() {
        Deployment order = new Deployment(
                "production", "order-svc", "1.0.0", List.of(), List.of(new ProducedSchema(SUBJECT, parse(WRITER_V1))));
        registry.recordDeployment(order);
        registry.recordDeployment(new Deployment(
                "production", "inventory-svc", "1.0.0", List.of(inventory("1.0.0", READER_NEEDS_CUSTOMER)), List.of()));
        Deployment newer = new Deployment(
                "production",
                "inventory-svc",
                "1.1.0",
                List.of(inventory("1.1.0", READER_CUSTOMER_DEFAULT)),
                List.of());
        registry.recordDeployment(newer);

        assertThat(registry.deployed("production")).containsExactly(newer, order);
        assertThat(registry.deployedReaders("production", SUBJECT))
                .extracting(ConsumerContract::label)
                .containsExactly("inventory-svc 1.1.0");
        assertThat(registry.deployed("staging")).isEmpty();
        assertThat(registry.recordDeployment(newer)).isFalse();
    }

    @Test
    void invalidEnvironmentName_isRefusedNamingValueAndRule() {
        assertThatThrownBy(() -> registry.deployed("prod/eu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'prod/eu'")
                .hasMessageContaining("letters, digits");
    }
}
