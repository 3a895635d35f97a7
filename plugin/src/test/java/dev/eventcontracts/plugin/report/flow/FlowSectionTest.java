package dev.eventcontracts.plugin.report.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowSectionTest {

    @TempDir
    Path dir;

    private static String render(FlowSection section) {
        StringBuilder html = new StringBuilder();
        section.appendTo(html, FlowFixtures.contracts());
        return html.toString();
    }

    @Test
    void routes_comeFromTheAsyncApiDocument_perConsumer() {
        FlowRoutes routes = FlowRoutes.read(FlowFixtures.shopAsyncApi());

        assertThat(routes.note()).isNull();
        assertThat(routes.of(FlowFixtures.INVENTORY)).contains(new Route("orders", "topic", "order.placed"));
        assertThat(routes.of(FlowFixtures.RETURNS)).contains(new Route("orders", "topic", "order.*"));
        assertThat(routes.of("com.example.shipping.ShippingListener#ship")).isEmpty();
    }

    @Test
    void flow_drawsOneSvgPerService_exchangeQueueConsumerAndDeadLetterQueue() {
        String html = render(FlowSection.reading(FlowFixtures.shopAsyncApi()));

        assertThat(html).contains("<h2>Event flow</h2>", "<h3>inventory</h3>", "<h3>returns</h3>");
        assertThat(html.split("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow\"", -1))
                .hasSize(3);
        String inventory = html.substring(html.indexOf("<h3>inventory</h3>"), html.indexOf("<h3>returns</h3>"));
        assertThat(inventory)
                .contains(
                        "<g class=\"exchange\"><title>orders</title>",
                        "topic exchange",
                        "<g class=\"queue\"><title>inventory.order-placed</title>",
                        "<g class=\"dlq\"><title>inventory.order-placed.dlq</title>",
                        ">order.placed</text>")
                .doesNotContain("no-dlq");
    }

    @Test
    void consumers_areColouredByVerdict_andAConsumerWithoutDeadLetterQueuePointsAtNone() {
        String html = render(FlowSection.reading(FlowFixtures.shopAsyncApi()));

        assertThat(html)
                .contains("<g class=\"consumer PASSED\" data-consumer=\"" + FlowFixtures.INVENTORY + "\">")
                .contains("<g class=\"consumer FAILED\" data-consumer=\"" + FlowFixtures.RETURNS + "\">")
                .contains("fill=\"" + FlowSvg.PASSED_FILL + "\"", "fill=\"" + FlowSvg.FAILED_FILL + "\"")
                .contains("3/3 passed", "2 of 3 broken")
                .contains("<g class=\"no-dlq\"><title>no dead-letter queue</title>");
    }

    @Test
    void eachFailingScenario_getsATimelineOfItsJournal_inOrder() {
        String html = render(FlowSection.reading(FlowFixtures.shopAsyncApi()));

        assertThat(html)
                .contains("<h4><code>ReturnsListener#onReturn</code> (a) duplicate-delivery: FAILED</h4>")
                .contains("<h4><code>ReturnsListener#onReturn</code> (g) poison-undecodable: FAILED</h4>");
        assertThat(html.split("class=\"timeline\"", -1)).hasSize(3);
        String poison = html.substring(html.indexOf("id=\"timeline-1-poison-undecodable\""));
        assertThat(poison)
                .containsSubsequence(
                        "message p-1: delivery 1 to instance 1, requeued",
                        "message p-1: delivery 2 to instance 1 (redelivered), rejected",
                        "message p-1: dead-lettered");
        assertThat(html).doesNotContain("timeline-0-");
    }

    @Test
    void withoutAsyncApiDocument_theFlowStartsAtTheQueues_andSaysWhy() {
        String html = render(FlowSection.reading(dir.resolve("asyncapi.yaml")));

        assertThat(html)
                .contains("No asyncapi.yaml: add the generate-asyncapi goal")
                .doesNotContain("class=\"exchange\"");
        assertThat(html).contains("<g class=\"queue\"><title>returns.order-placed</title>");
    }

    @Test
    void noContractResults_noSection() {
        StringBuilder html = new StringBuilder();
        FlowSection.withoutRoutes().appendTo(html, List.of());
        assertThat(html).isEmpty();
    }

    @Test
    void rendering_isDeterministic() {
        assertThat(render(FlowSection.reading(FlowFixtures.shopAsyncApi())))
                .isEqualTo(render(FlowSection.reading(FlowFixtures.shopAsyncApi())));
    }
}
