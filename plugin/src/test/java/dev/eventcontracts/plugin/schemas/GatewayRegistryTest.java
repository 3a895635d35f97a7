package dev.eventcontracts.plugin.schemas;

import static dev.eventcontracts.plugin.schemas.CompatibilityCheckTest.ORDER_V1;
import static dev.eventcontracts.plugin.schemas.CompatibilityCheckTest.ORDER_WITH_EMAIL;
import static dev.eventcontracts.plugin.schemas.CompatibilityCheckTest.ORDER_WITH_OPTIONAL_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.registry.EmbeddedRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema goals' cores against the registry module's real file store and a real HTTP registry. */
class GatewayRegistryTest {

    @TempDir
    Path project;

    private void schema(String json) throws IOException {
        Path file = project.resolve("src/main/avro/order.avsc");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    private CheckConfig config(RegistrySelection registry) {
        return new CheckConfig(project, project.resolve("target"), null, null, null, registry);
    }

    @Test
    void fileStore_registerThenCheck_seesTheCommittedHistory() throws IOException {
        schema(ORDER_V1);
        new Registration().run(config(null), false);
        assertThat(project.resolve("src/main/registry")).isDirectory();

        schema(ORDER_WITH_EMAIL);
        CheckOutcome outcome = new CompatibilityCheck().run(config(null));

        assertThat(outcome.compatible()).isFalse();
        assertThat(outcome.failureMessage())
                .startsWith(
                        "event-contracts: 1 of 1 schema is not compatible with the registry (file:src/main/registry)");
    }

    @Test
    void fileStore_missing_isAnEmptyHistoryAndNotCreatedByACheck() throws IOException {
        schema(ORDER_V1);

        CheckOutcome outcome = new CompatibilityCheck().run(config(null));

        assertThat(outcome.compatible()).isTrue();
        assertThat(outcome.results().registry()).isEqualTo("file:src/main/registry (not created yet)");
        assertThat(project.resolve("src/main/registry")).doesNotExist();
    }

    @Test
    void remote_againstAnEmbeddedRegistry_registersAndChecks() throws IOException {
        try (EmbeddedRegistry server =
                EmbeddedRegistry.builder().port(0).build().start()) {
            RegistrySelection remote =
                    new RegistrySelection(project, null, server.uri().toString(), null, null, null);
            schema(ORDER_V1);
            RegisterOutcome first = new Registration().run(config(remote), false);
            schema(ORDER_WITH_OPTIONAL_EMAIL);
            RegisterOutcome second = new Registration().run(config(remote), false);
            schema(ORDER_WITH_EMAIL);

            CheckOutcome check = new CompatibilityCheck().run(config(remote));

            assertThat(first.registered()).containsExactly("shop.OrderPlaced v1");
            assertThat(second.registered()).containsExactly("shop.OrderPlaced v2");
            assertThat(check.compatible()).isFalse();
            assertThat(check.results().registry()).isEqualTo(server.uri().toString());
            assertThat(check.failureMessage()).contains("is not BACKWARD compatible with v2");
        }
    }

    @Test
    void remote_notAnHttpUrl_namesThePomElement() {
        RegistrySelection remote = new RegistrySelection(project, null, "registry.example.com", null, null, null);

        assertThatThrownBy(() -> new CompatibilityCheck().run(config(remote)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith(
                        "Invalid value 'registry.example.com' for <registryUrl> (-Deventcontracts.registryUrl)");
    }
}
