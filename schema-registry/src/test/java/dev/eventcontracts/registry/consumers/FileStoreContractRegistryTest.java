package dev.eventcontracts.registry.consumers;

import static dev.eventcontracts.registry.consumers.Orders.READER_NEEDS_CUSTOMER;
import static dev.eventcontracts.registry.consumers.Orders.inventory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.registry.gateway.SchemaRegistry;
import dev.eventcontracts.registry.testing.Avsc;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contracts in the committed file store, next to the subjects. */
class FileStoreContractRegistryTest extends ContractRegistryContract {

    @TempDir
    Path dir;

    @Override
    protected ContractRegistry open() {
        return ContractRegistry.fileStore(dir);
    }

    @Test
    void contracts_liveInTheirOwnGroup_besideTheSubjectsAndInvisibleToThem() {
        try (SchemaRegistry subjects = SchemaRegistry.fileStore(dir)) {
            subjects.register(Orders.SUBJECT, Avsc.parse(Orders.WRITER_V1));
        }
        registry.register(inventory("1.0.0", READER_NEEDS_CUSTOMER));

        assertThat(dir.resolve("groups/event-contracts.consumers/shop.OrderPlaced"))
                .isDirectory();
        try (SchemaRegistry subjects = SchemaRegistry.fileStore(dir)) {
            assertThat(subjects.history(Orders.SUBJECT)).hasSize(1);
        }
        assertThat(Files.exists(dir.resolve("groups/default/shop.OrderPlaced"))).isTrue();
    }
}
