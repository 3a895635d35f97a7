package dev.eventcontracts.registry.gateway;

import static dev.eventcontracts.registry.testing.Avsc.ORDER_V1;
import static dev.eventcontracts.registry.testing.Avsc.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway over a file store committed in the repository. */
class FileStoreSchemaRegistryTest extends SchemaRegistryContract {

    @TempDir
    Path dir;

    @Override
    protected SchemaRegistry open() {
        return SchemaRegistry.fileStore(dir);
    }

    @Test
    void registeredVersions_surviveReopening() {
        RegisteredSchema registered = registry.register("orders-value", parse(ORDER_V1));
        registry.close();

        try (SchemaRegistry reopened = SchemaRegistry.fileStore(dir)) {
            assertThat(reopened.history("orders-value")).containsExactly(registered);
        }
    }

    @Test
    void corruptStore_failsWithTheFileName() throws Exception {
        registry.register("orders-value", parse(ORDER_V1));
        registry.close();
        Path metadata = dir.resolve("groups/default/orders-value/artifact.json");
        Files.writeString(metadata, "not json");

        assertThatThrownBy(() -> SchemaRegistry.fileStore(dir))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining(metadata.toString());
    }
}
