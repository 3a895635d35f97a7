package dev.eventcontracts.registry.consumers;

import static dev.eventcontracts.registry.consumers.Orders.READER_CUSTOMER_DEFAULT;
import static dev.eventcontracts.registry.consumers.Orders.READER_NEEDS_CUSTOMER;
import static dev.eventcontracts.registry.consumers.Orders.SUBJECT;
import static dev.eventcontracts.registry.consumers.Orders.WRITER_V1;
import static dev.eventcontracts.registry.consumers.Orders.WRITER_WITHOUT_CUSTOMER;
import static dev.eventcontracts.registry.consumers.Orders.inventory;
import static dev.eventcontracts.registry.consumers.Orders.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CanIDeployTest {

    private final CanIDeploy canIDeploy = new CanIDeploy();

    private static Deployment orderSvc(String version, String writer) {
        return new Deployment(
                "production", "order-svc", version, List.of(), List.of(new ProducedSchema(SUBJECT, parse(writer))));
    }

    private static Deployment inventorySvc(String version, String reader) {
        return new Deployment("production", "inventory-svc", version, List.of(inventory(version, reader)), List.of());
    }

    @Test
    void producerRemovingAFieldADeployedReaderNeeds_isNotDeployable() {
        DeployMatrix matrix = canIDeploy.check(
                orderSvc("2.0.0", WRITER_WITHOUT_CUSTOMER),
                List.of(orderSvc("1.0.0", WRITER_V1), inventorySvc("1.0.0", READER_NEEDS_CUSTOMER)));

        assertThat(matrix.deployable()).isFalse();
        assertThat(matrix.rows()).singleElement().satisfies(row -> {
            assertThat(row.service()).isEqualTo("inventory-svc");
            assertThat(row.role()).isEqualTo(DeployRow.Role.READS_OUR_WRITER);
            assertThat(row.verdict()).isEqualTo("BREAKS");
        });
        assertThat(matrix.toText())
                .contains("can-i-deploy order-svc 2.0.0 to production: no")
                .contains("  inventory-svc  1.0.0    shop.OrderPlaced  reads what we write  BREAKS")
                .contains("'customerId'");
    }

    @Test
    void consumerWhoseReaderNeedsAFieldTheDeployedWriterDropped_isNotDeployable() {
        DeployMatrix matrix = canIDeploy.check(
                inventorySvc("1.0.0", READER_NEEDS_CUSTOMER), List.of(orderSvc("2.0.0", WRITER_WITHOUT_CUSTOMER)));

        assertThat(matrix.deployable()).isFalse();
        assertThat(matrix.rows().get(0).role()).isEqualTo(DeployRow.Role.WRITES_OUR_READER);
        assertThat(matrix.breaks().get(0).service()).isEqualTo("inventory-svc");
    }

    @Test
    void producerRemovingAField_onceTheDeployedReaderHasADefault_isDeployable() {
        DeployMatrix matrix = canIDeploy.check(
                orderSvc("2.0.0", WRITER_WITHOUT_CUSTOMER), List.of(inventorySvc("1.1.0", READER_CUSTOMER_DEFAULT)));

        assertThat(matrix.deployable()).isTrue();
        assertThat(matrix.summary()).isEqualTo("can-i-deploy order-svc 2.0.0 to production: yes (0 of 1 pair breaks)");
    }

    @Test
    void emptyEnvironment_isDeployable() {
        DeployMatrix matrix = canIDeploy.check(orderSvc("2.0.0", WRITER_WITHOUT_CUSTOMER), List.of());

        assertThat(matrix.deployable()).isTrue();
        assertThat(matrix.summary()).contains("no deployed service shares a subject");
    }
}
