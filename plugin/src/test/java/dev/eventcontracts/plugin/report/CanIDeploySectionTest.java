package dev.eventcontracts.plugin.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.plugin.gate.GateInputs;
import dev.eventcontracts.plugin.results.CanIDeployResults;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanIDeploySectionTest {

    private static final CanIDeployResults BROKEN = new CanIDeployResults(
            CanIDeployResults.FORMAT_VERSION,
            "production",
            "order-svc",
            "2.0.0",
            false,
            "can-i-deploy order-svc 2.0.0 to production: no (1 of 2 pairs break)",
            List.of(
                    new CanIDeployResults.Row(
                            "inventory-svc",
                            "1.0.0",
                            "shop.OrderPlaced",
                            "reads what we write",
                            "BREAKS",
                            List.of(new CanIDeployResults.Break(
                                    "inventory-svc 1.0.0",
                                    "customerId",
                                    "READER_FIELD_MISSING_DEFAULT_VALUE",
                                    "src/main/java/Inventory.java:14",
                                    "Consumer inventory-svc 1.0.0 cannot read <customerId>",
                                    "Give 'customerId' a default",
                                    "Keep 'customerId'"))),
                    new CanIDeployResults.Row(
                            "shipping-svc", "3.2.0", "shop.OrderPlaced", "reads what we write", "OK", List.of())));

    private static GateInputs withMatrix() {
        GateInputs base = ReportFixtures.onlineStore();
        return new GateInputs(
                base.contracts(), base.failsafe(), base.compatibility(), base.findings(), Optional.of(BROKEN));
    }

    @Test
    void markdown_withMatrix_listsEachPairAndTheFixesOnBothSides() {
        GateInputs inputs = withMatrix();
        String md = new MarkdownReport().render("shop", inputs, ReportFixtures.verdict(inputs));

        assertThat(md)
                .contains("### Can I deploy?\n\n❌ can-i-deploy order-svc 2.0.0 to production: no (1 of 2 pairs break)")
                .contains("| `inventory-svc` | 1.0.0 | `shop.OrderPlaced` | reads what we write | ✗ BREAKS |")
                .contains("| `shipping-svc` | 3.2.0 | `shop.OrderPlaced` | reads what we write | ✓ |")
                .contains("  - consumer fix: Give 'customerId' a default");
    }

    @Test
    void html_withMatrix_escapesAndMarksTheBrokenPair() {
        GateInputs inputs = withMatrix();
        String html = new HtmlReport().render("shop", inputs, ReportFixtures.verdict(inputs));

        assertThat(html)
                .contains("<h2>Can I deploy?</h2>")
                .contains("<td class=\"INCOMPATIBLE\">BREAKS</td>")
                .contains("cannot read &lt;customerId&gt;");
    }

    @Test
    void json_withMatrix_carriesIt_andReportsWithoutOneLeaveTheSectionOut() {
        GateInputs inputs = withMatrix();
        GateInputs without = ReportFixtures.onlineStore();

        assertThat(JsonReport.of("shop", inputs, ReportFixtures.verdict(inputs)).canIDeploy())
                .isEqualTo(BROKEN);
        assertThat(new MarkdownReport().render("shop", without, ReportFixtures.verdict(without)))
                .doesNotContain("Can I deploy?");
    }
}
