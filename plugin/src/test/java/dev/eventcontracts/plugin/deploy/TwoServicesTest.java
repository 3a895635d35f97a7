package dev.eventcontracts.plugin.deploy;

import static dev.eventcontracts.plugin.deploy.TwoServices.READER_CUSTOMER_DEFAULT;
import static dev.eventcontracts.plugin.deploy.TwoServices.SUBJECT;
import static dev.eventcontracts.plugin.deploy.TwoServices.WRITER_WITHOUT_CUSTOMER;
import static dev.eventcontracts.plugin.deploy.TwoServices.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.results.CanIDeployResults;
import dev.eventcontracts.plugin.results.ResultFiles;
import dev.eventcontracts.plugin.schemas.CheckOutcome;
import dev.eventcontracts.plugin.schemas.CompatibilityCheck;
import dev.eventcontracts.plugin.schemas.ContractRegistries;
import dev.eventcontracts.plugin.schemas.Registration;
import dev.eventcontracts.registry.consumers.ConsumerContract;
import dev.eventcontracts.registry.consumers.ContractRegistry;
import dev.eventcontracts.registry.consumers.FieldRead;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * register → check → record-deployment → can-i-deploy through the goals' cores, on one registry:
 * the committed file store here, the embedded Apicurio registry through the client in {@link
 * RemoteTwoServicesTest}.
 */
class TwoServicesTest {

    private static final String CONSUMER_FILE = "src/main/java/com/example/inventory/InventoryConsumer.java";

    @TempDir
    Path root;

    private TwoServices services;

    /** The registry URL both services use; {@code null}: the file store. */
    protected String registryUrl() {
        return null;
    }

    @BeforeEach
    void producerRegistersV1AndConsumerItsContract() throws IOException {
        services = new TwoServices(root, registryUrl());
        new Registration().run(services.check(services.order, null), false);
        new ContractRecording().run(services.deploy(services.inventory, "inventory-svc", "1.0.0", null), false);
    }

    @Test
    void register_recordsTheConsumersReaderAndTheFieldsItsCodeReadsWithFileAndLine() {
        try (ContractRegistry contracts =
                ContractRegistries.open(services.check(services.order, null).registry())) {
            ConsumerContract contract = contracts.latestPerService(SUBJECT).get(0);

            assertThat(contract.label()).isEqualTo("inventory-svc 1.0.0");
            assertThat(contract.reads())
                    .containsExactly(
                            new FieldRead("customerId", CONSUMER_FILE, 15),
                            new FieldRead("orderId", CONSUMER_FILE, 10));
        }
    }

    @Test
    void removingAFieldTheConsumerNeeds_failsUnderConsumersNamingServiceFieldAndCodeLocation() throws IOException {
        write(services.order.resolve("src/main/avro/order.avsc"), WRITER_WITHOUT_CUSTOMER);

        CheckOutcome outcome = new CompatibilityCheck().run(services.check(services.order, "CONSUMERS"));

        assertThat(outcome.compatible()).isFalse();
        assertThat(outcome.summaryLine()).contains("1 consumer reader", "(CONSUMERS): 1 incompatible");
        assertThat(outcome.failureMessage())
                .contains("Consumer inventory-svc 1.0.0 cannot read subject 'shop.OrderPlaced'")
                .contains("'customerId'")
                .contains(CONSUMER_FILE + ":15")
                .contains("Give 'customerId' a default in inventory-svc's reader schema")
                .contains("Keep 'customerId'");
    }

    @Test
    void afterTheConsumerGivesTheFieldADefault_removalPassesConsumersWhileFullTransitiveRefuses() throws IOException {
        write(services.inventory.resolve("src/main/avro/order.avsc"), READER_CUSTOMER_DEFAULT);
        new ContractRecording().run(services.deploy(services.inventory, "inventory-svc", "1.1.0", null), false);
        write(services.order.resolve("src/main/avro/order.avsc"), WRITER_WITHOUT_CUSTOMER);

        CheckOutcome consumers = new CompatibilityCheck().run(services.check(services.order, "CONSUMERS"));
        CheckOutcome history = new CompatibilityCheck().run(services.check(services.order, "FULL_TRANSITIVE"));
        CheckOutcome both = new CompatibilityCheck().run(services.check(services.order, "FULL_TRANSITIVE+CONSUMERS"));

        assertThat(consumers.compatible()).as(consumers.summaryLine()).isTrue();
        assertThat(history.compatible()).isFalse();
        assertThat(both.compatible()).isFalse();
        assertThat(both.failureMessage()).doesNotContain("Consumer inventory-svc");
    }

    @Test
    void canIDeploy_producerRemovingAFieldTheDeployedConsumerNeeds_isRefusedAndWritesTheMatrix() throws IOException {
        new DeploymentRecording().run(services.deploy(services.inventory, "inventory-svc", "1.0.0", "production"));
        new DeploymentRecording().run(services.deploy(services.order, "order-svc", "1.0.0", "production"));
        write(services.order.resolve("src/main/avro/order.avsc"), WRITER_WITHOUT_CUSTOMER);
        DeployConfig order2 = services.deploy(services.order, "order-svc", "2.0.0", "production");

        CanIDeployGate.Outcome outcome = new CanIDeployGate().run(order2);

        assertThat(outcome.deployable()).isFalse();
        assertThat(outcome.matrix().toText())
                .contains("can-i-deploy order-svc 2.0.0 to production: no (1 of 1 pair breaks)")
                .contains("inventory-svc  1.0.0    shop.OrderPlaced  reads what we write  BREAKS");
        CanIDeployResults written =
                new ResultFiles().readCanIDeploy(order2.canIDeployFile()).orElseThrow();
        assertThat(written.rows().get(0).breaks().get(0).readAt()).isEqualTo(CONSUMER_FILE + ":15");
    }

    @Test
    void canIDeploy_consumerVersionWithTheDefault_isDeployableAgainstTheNewProducer() throws IOException {
        write(services.order.resolve("src/main/avro/order.avsc"), WRITER_WITHOUT_CUSTOMER);
        new DeploymentRecording().run(services.deploy(services.order, "order-svc", "2.0.0", "production"));
        write(services.inventory.resolve("src/main/avro/order.avsc"), READER_CUSTOMER_DEFAULT);

        CanIDeployGate.Outcome green =
                new CanIDeployGate().run(services.deploy(services.inventory, "inventory-svc", "1.1.0", "production"));

        assertThat(green.deployable()).as(green.matrix().toText()).isTrue();
        assertThat(green.matrix().rows())
                .singleElement()
                .satisfies(r -> assertThat(r.service()).isEqualTo("order-svc"));
    }

    @Test
    void canIDeploy_withoutEnvironment_namesTheParameter() {
        assertThatThrownBy(() -> new CanIDeployGate().run(services.deploy(services.order, "order-svc", "2.0.0", null)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("eventcontracts.environment");
    }
}
