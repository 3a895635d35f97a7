package dev.eventcontracts.plugin.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.plugin.gate.GateInputs;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private final GateInputs inputs = ReportFixtures.onlineStore();
    private final String html = new HtmlReport().render("online-store", inputs, ReportFixtures.verdict(inputs));

    @Test
    void kafkaConsumer_namesItsBroker_andGetsTheKafkaColumnsNextToTheAmqpOnes() {
        var kafka = new dev.eventcontracts.plugin.results.ContractResult(
                1,
                "com.example.AnalyticsListener#onPageViewed",
                "com.example.AnalyticsListener",
                "onPageViewed",
                "analytics.page-views",
                "analytics.page-views.DLT",
                "embedded Kafka 4.1.2 (KRaft) at 127.0.0.1:40123",
                "effects+state",
                java.util.List.of(
                        ReportFixtures.scenario(
                                "b", "commit-lost", dev.eventcontracts.plugin.results.ScenarioStatus.FAILED, "twice"),
                        ReportFixtures.scenario(
                                "o", "key-ordering", dev.eventcontracts.plugin.results.ScenarioStatus.PASSED, null)),
                "ctx.publisher()",
                java.util.List.of(),
                "embedded-kafka",
                "kafka");
        var contracts = new java.util.ArrayList<>(inputs.contracts());
        contracts.add(kafka);
        GateInputs mixed = new GateInputs(
                contracts, inputs.failsafe(), inputs.compatibility(), inputs.findings(), inputs.canIDeploy());

        String md = new MarkdownReport().render("shop", mixed, ReportFixtures.verdict(mixed));
        String page = new HtmlReport().render("shop", mixed, ReportFixtures.verdict(mixed));

        assertThat(md).contains("| `com.example.AnalyticsListener#onPageViewed` (embedded Kafka) |");
        assertThat(md).contains("b = lost-ack", "bᴷ = commit-lost", "o = key-ordering");
        assertThat(md).contains("Scenarios ran on: AMQP (2), embedded Kafka (1).");
        assertThat(page).contains("<span class=\"muted\">on embedded Kafka, judged on effects+state");
    }

    @Test
    void render_isSelfContained() {
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "<link", "src=\"http", "url(");
    }

    @Test
    void render_matrixHasOneRowPerConsumerAndOneColumnPerScenario() {
        assertThat(html).contains("<th title=\"duplicate-delivery\">a</th>", "<th title=\"schema-evolution\">n</th>");
        assertThat(html.split("<span class=\"muted\">on AMQP, judged on ", -1)).hasSize(3);
        assertThat(html)
                .contains(
                        "<td class=\"cell FAILED\" title=\"scenario duplicate-delivery: 2 shipments &lt;for&gt; order o-1 &amp; 1 expected\">✗</td>")
                .contains("<td class=\"cell ERROR\"")
                .contains("<td class=\"cell SKIPPED\"")
                .contains("<td class=\"cell NOT_RUN\" title=\"not run\">·</td>");
    }

    @Test
    void render_consumerWithoutDeadLetterQueue_saysNone() {
        assertThat(html).contains("<td><code>shipping.order-placed</code></td><td><strong>none</strong></td>");
    }

    @Test
    void render_schemaSectionListsVerdictAndIncompatibility() {
        assertThat(html)
                .contains("<td class=\"INCOMPATIBLE\">INCOMPATIBLE</td>")
                .contains(
                        "v2 <code>customer.email</code>: field added without a default<br><em>Fix:</em> Add a default");
    }

    @Test
    void render_failedGate_showsFailedVerdict() {
        assertThat(html).contains("<span id=\"verdict\" class=\"verdict failed\">Gate failed</span>");
    }

    @Test
    void markdown_hasMatrixRowsAndSchemaTable() {
        String md = new MarkdownReport().render("online-store", inputs, ReportFixtures.verdict(inputs));

        assertThat(md)
                .startsWith("## event-contracts: online-store — ❌ gate failed\n")
                .contains("| `com.example.ShippingConsumer#onOrderPlaced` | **none** | ✗ | ! | · | · | · | · | – |")
                .contains("| `com.example.OrderPlaced` | `src/main/avro/order.avsc` | BACKWARD | v2 | INCOMPATIBLE |")
                .contains("6 run, 1 failed, 1 errored, 1 skipped (failsafe).");
    }
}
