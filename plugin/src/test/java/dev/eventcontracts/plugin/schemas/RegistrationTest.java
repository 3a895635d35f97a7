package dev.eventcontracts.plugin.schemas;

import static dev.eventcontracts.plugin.schemas.CompatibilityCheckTest.ORDER_V1;
import static dev.eventcontracts.plugin.schemas.CompatibilityCheckTest.ORDER_WITH_EMAIL;
import static dev.eventcontracts.plugin.schemas.CompatibilityCheckTest.ORDER_WITH_OPTIONAL_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.plugin.problems.UserProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationTest {

    @TempDir
    Path project;

    private CheckConfig config() {
        return new CheckConfig(project, project.resolve("target"), null, null, null, null);
    }

    private void schema(String json) throws IOException {
        Path file = project.resolve("src/main/avro/order.avsc");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    @Test
    void run_changedCompatibleSchema_registersNextVersion() throws IOException {
        schema(ORDER_WITH_OPTIONAL_EMAIL);
        MapHistory registry = new MapHistory().version("shop.OrderPlaced", ORDER_V1);

        RegisterOutcome outcome = new Registration().run(config(), registry, false);

        assertThat(outcome.registered()).containsExactly("shop.OrderPlaced v2");
        assertThat(registry.history("shop.OrderPlaced")).hasSize(2);
        assertThat(outcome.summaryLine())
                .isEqualTo("event-contracts: registered 1 schema, 0 unchanged (memory:test): shop.OrderPlaced v2");
    }

    @Test
    void run_reformattedSchema_isNotANewVersion() throws IOException {
        schema(ORDER_V1.replace("\n", "\n\n    ").replace(",", " ,  "));
        MapHistory registry = new MapHistory().version("shop.OrderPlaced", ORDER_V1);

        RegisterOutcome outcome = new Registration().run(config(), registry, false);

        assertThat(outcome.registered()).isEmpty();
        assertThat(outcome.unchanged()).containsExactly("shop.OrderPlaced");
        assertThat(registry.history("shop.OrderPlaced")).hasSize(1);
    }

    @Test
    void run_dryRun_writesNothing() throws IOException {
        schema(ORDER_WITH_OPTIONAL_EMAIL);
        MapHistory registry = new MapHistory().version("shop.OrderPlaced", ORDER_V1);

        RegisterOutcome outcome = new Registration().run(config(), registry, true);

        assertThat(outcome.registered()).containsExactly("shop.OrderPlaced v2");
        assertThat(registry.history("shop.OrderPlaced")).hasSize(1);
        assertThat(outcome.summaryLine())
                .startsWith("event-contracts: would register 1 schema")
                .endsWith("[dryRun]");
    }

    @Test
    void run_incompatibleSchema_refusesWithDiagnostics() throws IOException {
        schema(ORDER_WITH_EMAIL);
        MapHistory registry = new MapHistory().version("shop.OrderPlaced", ORDER_V1);

        assertThatThrownBy(() -> new Registration().run(config(), registry, false))
                .isInstanceOf(UserProblemException.class)
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE at OrderPlaced.email")
                .hasMessageEndingWith("Nothing was registered. Fix the schemas, or change the subject's <level>.");
        assertThat(registry.history("shop.OrderPlaced")).hasSize(1);
    }

    @Test
    void run_newSubject_registersVersionOne() throws IOException {
        schema(ORDER_WITH_EMAIL);
        MapHistory registry = new MapHistory();

        RegisterOutcome outcome = new Registration().run(config(), registry, false);

        assertThat(outcome.registered()).containsExactly("shop.OrderPlaced v1");
    }
}
