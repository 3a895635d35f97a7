package dev.eventcontracts.plugin.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.plugin.results.CompatibilityResults;
import dev.eventcontracts.plugin.results.ResultFiles;
import dev.eventcontracts.plugin.results.SchemaStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityCheckTest {

    static final String ORDER_V1 = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"quantity","type":"int"}]}
            """;

    static final String ORDER_WITH_EMAIL = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"quantity","type":"int"},
              {"name":"email","type":"string"}]}
            """;

    static final String ORDER_WITH_OPTIONAL_EMAIL = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
              {"name":"orderId","type":"string"},
              {"name":"quantity","type":"int"},
              {"name":"email","type":["null","string"],"default":null}]}
            """;

    @TempDir
    Path project;

    private CheckConfig config(String level, List<SubjectRule> rules) {
        return new CheckConfig(project, project.resolve("target"), null, level, rules, null);
    }

    private void schema(String name, String json) throws IOException {
        Path file = project.resolve("src/main/avro").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    @Test
    void run_compatibleChange_passesWithSummary() throws IOException {
        schema("order.avsc", ORDER_WITH_OPTIONAL_EMAIL);
        MapHistory registry = new MapHistory().version("shop.OrderPlaced", ORDER_V1);

        CheckOutcome outcome = new CompatibilityCheck().run(config(null, null), registry);

        assertThat(outcome.compatible()).isTrue();
        assertThat(outcome.summaryLine())
                .isEqualTo("event-contracts: 1 schema checked against 1 registered version (BACKWARD): compatible");
    }

    @Test
    void run_fieldWithoutDefault_failsNamingFileFieldVersionAndFix() throws IOException {
        schema("order.avsc", ORDER_WITH_EMAIL);
        MapHistory registry = new MapHistory().version("shop.OrderPlaced", ORDER_V1);

        CheckOutcome outcome = new CompatibilityCheck().run(config(null, null), registry);

        assertThat(outcome.compatible()).isFalse();
        assertThat(outcome.summaryLine()).endsWith("(BACKWARD): 1 incompatible");
        assertThat(outcome.failureMessage())
                .startsWith("event-contracts: 1 of 1 schema is not compatible with the registry (memory:test)")
                .contains("src/main/avro/order.avsc (subject 'shop.OrderPlaced'):")
                .contains("  Schema 'shop.OrderPlaced' is not BACKWARD compatible with v1: 1 incompatibility.")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE at OrderPlaced.email (v1, new reads old")
                .contains("Fix: Give field 'email' a default");
    }

    @Test
    void run_writesTheResultsFileTheGateReads() throws IOException {
        schema("order.avsc", ORDER_WITH_EMAIL);
        MapHistory registry = new MapHistory().version("shop.OrderPlaced", ORDER_V1);

        new CompatibilityCheck().run(config(null, null), registry);

        CompatibilityResults read = new ResultFiles()
                .readCompatibility(project.resolve("target/event-contracts/compatibility.json"))
                .orElseThrow();
        assertThat(read.schemas()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(SchemaStatus.INCOMPATIBLE);
            assertThat(s.file()).isEqualTo("src/main/avro/order.avsc");
            assertThat(s.incompatibilities()).singleElement().satisfies(i -> {
                assertThat(i.path()).isEqualTo("OrderPlaced.email");
                assertThat(i.version()).isEqualTo(1);
                assertThat(i.direction()).isEqualTo("new reads old");
            });
        });
    }

    @Test
    void run_subjectWithoutHistory_passesAsFirstVersion() throws IOException {
        schema("order.avsc", ORDER_WITH_EMAIL);

        CheckOutcome outcome = new CompatibilityCheck().run(config(null, null), new MapHistory());

        assertThat(outcome.compatible()).isTrue();
        assertThat(outcome.summaryLine())
                .isEqualTo("event-contracts: 1 schema checked against 0 registered versions (BACKWARD): compatible,"
                        + " 1 new subject");
        assertThat(outcome.results().schemas().get(0).status()).isEqualTo(SchemaStatus.NEW_SUBJECT);
    }

    @Test
    void run_subjectRuleByFile_renamesSubjectAndSetsLevel() throws IOException {
        schema("order.avsc", ORDER_WITH_EMAIL);
        MapHistory registry = new MapHistory().version("orders-value", ORDER_V1);

        CheckOutcome outcome = new CompatibilityCheck()
                .run(config(null, List.of(new SubjectRule("order.avsc", "orders-value", "NONE"))), registry);

        assertThat(outcome.compatible()).isTrue();
        assertThat(outcome.results().schemas().get(0).subject()).isEqualTo("orders-value");
        assertThat(outcome.summaryLine()).contains("(BACKWARD and per-subject levels)");
    }

    @Test
    void run_typeDefinedInAnotherFile_resolvesAcrossFiles() throws IOException {
        schema("a-order.avsc", """
                {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[
                  {"name":"customer","type":"shop.Customer"}]}
                """);
        schema("b-customer.avsc", """
                {"type":"record","name":"Customer","namespace":"shop","fields":[{"name":"id","type":"string"}]}
                """);

        CheckOutcome outcome = new CompatibilityCheck().run(config(null, null), new MapHistory());

        assertThat(outcome.results().schemas())
                .extracting(s -> s.subject())
                .containsExactly("shop.Customer", "shop.OrderPlaced");
    }

    @Test
    void run_transitiveLevel_checksEveryVersion() throws IOException {
        schema("order.avsc", ORDER_WITH_OPTIONAL_EMAIL);
        MapHistory registry = new MapHistory()
                .version("shop.OrderPlaced", ORDER_V1)
                .version("shop.OrderPlaced", ORDER_WITH_OPTIONAL_EMAIL);

        CheckOutcome outcome = new CompatibilityCheck().run(config("backward-transitive", null), registry);

        assertThat(outcome.results().schemas().get(0).versionsChecked()).containsExactly(1, 2);
        assertThat(outcome.summaryLine()).contains("2 registered versions (BACKWARD_TRANSITIVE): compatible");
    }

    @Test
    void run_unknownLevel_namesThePomElement() {
        assertThatThrownBy(() -> new CompatibilityCheck().run(config("SIDEWAYS", null), new MapHistory()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith(
                        "Invalid value 'SIDEWAYS' for <level> (-Deventcontracts.level): use one of NONE");
    }

    @Test
    void run_malformedSchema_namesTheFile() throws IOException {
        schema("broken.avsc", "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\"}]}");

        assertThatThrownBy(() -> new CompatibilityCheck().run(config(null, null), new MapHistory()))
                .isInstanceOf(UserProblemException.class)
                .hasMessageStartingWith(
                        "Cannot load the schemas of <schemaDirectory> 'src/main/avro': src/main/avro/broken.avsc:1:");
    }

    @Test
    void run_noSchemaDirectory_passesAndSaysSo() throws IOException {
        CheckOutcome outcome = new CompatibilityCheck().run(config(null, null), new MapHistory());

        assertThat(outcome.summaryLine())
                .isEqualTo("event-contracts: 0 schemas checked against 0 registered versions (BACKWARD): compatible"
                        + " (no .avsc or .avdl files in 'src/main/avro')");
    }
}
