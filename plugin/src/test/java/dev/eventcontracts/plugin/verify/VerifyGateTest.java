package dev.eventcontracts.plugin.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.results.ResultFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyGateTest {

    private static final String ALL_PASSED_14 = "PASSED";

    @TempDir
    Path dir;

    private SampleBuild build;

    @BeforeEach
    void setUp() {
        build = new SampleBuild(dir);
    }

    private static String[] passed(int n) {
        String[] statuses = new String[n];
        java.util.Arrays.fill(statuses, ALL_PASSED_14);
        return statuses;
    }

    @Test
    void run_allScenariosPassed_passesAndWritesFourReports() throws Exception {
        build.consumer("com.example.InventoryConsumer#onOrderPlaced", "inventory.dlq", passed(14))
                .failsafe(14, 0, 0, 0);

        VerifyOutcome outcome = new VerifyGate().run(build.config());

        assertThat(outcome.verdict().failsBuild()).isFalse();
        assertThat(outcome.failureMessage()).isNull();
        assertThat(outcome.verdict().summaryLine())
                .isEqualTo("event-contracts: 1 consumer, 14 scenarios (14 passed, 0 broken, 0 skipped),"
                        + " 0 schemas (0 incompatible), 0 findings: gate passed");
        assertThat(outcome.html()).exists().isEqualTo(dir.resolve("target/event-contracts/report.html"));
        assertThat(outcome.markdown()).exists();
        assertThat(outcome.json()).exists();
        assertThat(outcome.junitXml()).exists().isEqualTo(dir.resolve("target/event-contracts/report.junit.xml"));
        assertThat(build.read("event-contracts/report.md")).contains("✅ gate passed");
    }

    @Test
    void run_brokenScenario_failsNamingConsumerScenarioAndFix() throws Exception {
        build.consumer(
                "com.example.ShippingConsumer#onOrderPlaced",
                "shipping.dlq",
                "FAILED:2 shipments created for order o-1, expected 1",
                "PASSED");
        build.consumer("com.example.InventoryConsumer#onOrderPlaced", "inventory.dlq", "PASSED", "PASSED");

        VerifyOutcome outcome = new VerifyGate().run(build.config());

        assertThat(outcome.verdict().failsBuild()).isTrue();
        assertThat(outcome.failureMessage())
                .startsWith("event-contracts gate failed: 1 violation at ERROR or above")
                .contains("  - consumer 'com.example.ShippingConsumer#onOrderPlaced' (a) duplicate-delivery:"
                        + " FAILED: 2 shipments created for order o-1, expected 1 Fix: Make the handler idempotent")
                .endsWith("Report: target/event-contracts/report.html")
                .doesNotContain("InventoryConsumer");
    }

    @Test
    void run_incompatibleSchema_failsNamingSubjectFileFieldVersionAndFix() throws Exception {
        build.compatibility(SampleBuild.incompatibleOrderPlaced());

        VerifyOutcome outcome = new VerifyGate().run(build.config());

        assertThat(outcome.failureMessage())
                .contains("schema 'com.example.OrderPlaced' (src/main/avro/order.avsc): not BACKWARD compatible with v2"
                        + " at 'customer.email': field 'customer.email' was added without a default"
                        + " Fix: Add \"default\": null and make the type [\"null\",\"string\"].");
        assertThat(outcome.verdict().counts().schemas()).isEqualTo(2);
        assertThat(outcome.verdict().counts().schemasIncompatible()).isEqualTo(1);
    }

    @Test
    void run_failsafeFailures_areAViolationPointingAtTheReports() throws Exception {
        build.failsafe(5, 1, 2, 0);

        VerifyOutcome outcome = new VerifyGate().run(build.config());

        assertThat(outcome.failureMessage())
                .contains("tests 'integration tests': 2 failed and 1 errored of 5 run by failsafe."
                        + " Fix: Read the failing tests' reports in target/failsafe-reports.");
    }

    @Test
    void run_warningFinding_passesAtErrorThresholdAndFailsAtWarning() throws Exception {
        build.findings("""
                {"formatVersion":1,"consumers":["com.example.AnalyticsConsumer#onOrderPlaced"],
                 "findings":[{"severity":"WARNING","code":"NO_DEAD_LETTER_QUEUE","message":"consumer has no dead-letter queue",
                   "file":"src/main/java/com/example/AnalyticsConsumer.java","line":14}]}
                """);
        build.consumer("com.example.AnalyticsConsumer#onOrderPlaced", null, "PASSED");

        assertThat(new VerifyGate().run(build.config()).verdict().failsBuild()).isFalse();
        VerifyOutcome strict = new VerifyGate().run(build.config(null, "warning"));
        assertThat(strict.verdict().failsBuild()).isTrue();
        assertThat(strict.failureMessage())
                .contains("finding 'NO_DEAD_LETTER_QUEUE' at src/main/java/com/example/AnalyticsConsumer.java:14:"
                        + " consumer has no dead-letter queue");
    }

    @Test
    void run_discoveredConsumerWithoutResults_failsNamingTheConsumer() throws Exception {
        build.findings("""
                {"formatVersion":1,"consumers":["com.example.AnalyticsConsumer#onOrderPlaced",
                   "com.example.InventoryConsumer#onOrderPlaced"],"findings":[]}
                """);
        build.consumer("com.example.InventoryConsumer#onOrderPlaced", "inventory.dlq", "PASSED");

        VerifyOutcome outcome = new VerifyGate().run(build.config());

        assertThat(outcome.verdict().failsBuild()).isTrue();
        assertThat(outcome.failureMessage())
                .contains("consumer 'com.example.AnalyticsConsumer#onOrderPlaced' no-results: discovered by"
                        + " generate-contract-tests, but no contract results were written for it")
                .doesNotContain("InventoryConsumer");
    }

    @Test
    void run_effectsUnobservableInResults_isAWarningShownInEveryReport_failingAtWarning() throws Exception {
        build.write("event-contracts/results/com.example.AuditConsumer-on.json", """
                {"formatVersion":1,"consumer":"com.example.AuditConsumer#on","consumerClass":"com.example.AuditConsumer",
                 "handler":"on","queue":"audit","deadLetterQueue":"audit.dlq","broker":"amqp://127.0.0.1:5672",
                 "judgedOn":"effects","effectsObservedAt":"ctx.publisher()",
                 "scenarios":[{"id":"duplicate-delivery","letter":"a","displayName":"d","status":"SKIPPED",
                   "message":"AuditConsumer shows no observable effect","fix":null,"durationMillis":3}],
                 "findings":[{"code":"effects-unobservable","severity":"WARNING",
                   "message":"AuditConsumer shows no observable effect"}]}
                """);

        VerifyOutcome lenient = new VerifyGate().run(build.config());
        VerifyOutcome strict = new VerifyGate().run(build.config(null, "warning"));

        assertThat(lenient.verdict().failsBuild()).isFalse();
        assertThat(strict.verdict().failsBuild()).isTrue();
        assertThat(strict.failureMessage())
                .contains("finding 'effects-unobservable' for com.example.AuditConsumer#on: AuditConsumer shows no"
                        + " observable effect");
        for (String report : new String[] {"report.md", "report.html", "report.json", "report.junit.xml"}) {
            assertThat(build.read("event-contracts/" + report)).as(report).contains("effects-unobservable");
        }
    }

    @Test
    void run_failOnViolationFalse_writesReportsButDoesNotFail() throws Exception {
        build.consumer("com.example.A#on", null, "ERROR:consumer threw NullPointerException");

        VerifyOutcome outcome = new VerifyGate().run(build.config(false, null));

        assertThat(outcome.verdict().red()).isTrue();
        assertThat(outcome.verdict().failsBuild()).isFalse();
        assertThat(outcome.verdict().summaryLine()).endsWith("(failOnViolation=false: build continues)");
        JsonNode json = new ObjectMapper().readTree(outcome.json().toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("FAILED_NOT_ENFORCED");
    }

    @Test
    void run_skippedScenario_isInfoAndFailsOnlyAtInfoThreshold() throws Exception {
        build.consumer("com.example.A#on", "a.dlq", "PASSED", "SKIPPED:no fixture state");

        assertThat(new VerifyGate().run(build.config()).verdict().red()).isFalse();
        assertThat(new VerifyGate().run(build.config(null, "INFO")).verdict().red())
                .isTrue();
    }

    @Test
    void run_nothingToJudge_passesAndSaysSo() throws Exception {
        VerifyOutcome outcome = new VerifyGate().run(build.config());

        assertThat(outcome.nothingToJudge()).isTrue();
        assertThat(outcome.verdict().red()).isFalse();
        assertThat(outcome.html()).exists();
    }

    @Test
    void run_unknownSeverity_namesThePomElement() {
        assertThatThrownBy(() -> new VerifyGate().run(build.config(null, "fatal")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid value 'fatal' for <failOn> (-Deventcontracts.failOn):"
                        + " use ERROR, WARNING or INFO (e.g. <failOn>WARNING</failOn>).");
    }

    @Test
    void run_resultOfAnotherFormatVersion_namesFileAndVersion() {
        build.write("event-contracts/results/x.json", "{\"formatVersion\":2,\"consumer\":\"a#b\"}");

        assertThatThrownBy(() -> new VerifyGate().run(build.config()))
                .isInstanceOf(ResultFileException.class)
                .hasMessageContaining("x.json': \"formatVersion\" is '2', this plugin reads version 1");
    }

    @Test
    void run_corruptResult_namesTheFile() {
        build.write("event-contracts/results/broken.json", "{\"formatVersion\":1,");

        assertThatThrownBy(() -> new VerifyGate().run(build.config()))
                .isInstanceOf(ResultFileException.class)
                .hasMessageContaining("broken.json': not valid JSON");
    }

    @Test
    void run_sameInputsTwice_writesIdenticalReports() throws Exception {
        build.consumer("com.example.B#on", "b.dlq", "PASSED", "FAILED:x")
                .compatibility(SampleBuild.incompatibleOrderPlaced());
        VerifyOutcome first = new VerifyGate().run(build.config());
        String html = Files.readString(first.html());
        String json = Files.readString(first.json());
        String junitXml = Files.readString(first.junitXml());

        VerifyOutcome second = new VerifyGate().run(build.config());

        assertThat(Files.readString(second.html())).isEqualTo(html);
        assertThat(Files.readString(second.json())).isEqualTo(json);
        assertThat(Files.readString(second.junitXml())).isEqualTo(junitXml);
    }
}
