package dev.eventcontracts.plugin.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.plugin.results.CompatibilityResults;
import dev.eventcontracts.plugin.results.SchemaCheck;
import dev.eventcontracts.plugin.results.SchemaIssue;
import dev.eventcontracts.plugin.results.SchemaStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsumersViolationTest {

    @Test
    void consumerBreak_isASchemaViolationNamingTheLevelFieldAndConsumer_withoutAVersion() {
        SchemaIssue issue = new SchemaIssue(
                "READER_FIELD_MISSING_DEFAULT_VALUE",
                "",
                "customerId",
                0,
                "consumer inventory-svc 1.0.0 reads new",
                "Consumer inventory-svc 1.0.0 cannot read subject 'shop.OrderPlaced'",
                "Consumer side: give it a default. Producer side: keep it.");
        SchemaCheck check = new SchemaCheck(
                "shop.OrderPlaced",
                "src/main/avro/order.avsc",
                "BACKWARD+CONSUMERS",
                List.of(1),
                SchemaStatus.INCOMPATIBLE,
                List.of(issue));
        GateInputs inputs = new GateInputs(
                List.of(),
                Optional.empty(),
                Optional.of(new CompatibilityResults(
                        CompatibilityResults.FORMAT_VERSION,
                        "file:src/main/registry",
                        "BACKWARD+CONSUMERS",
                        1,
                        List.of(check))),
                Optional.empty());

        Verdict verdict = new GateRules("target/failsafe-reports").judge(inputs, Severity.ERROR, true);

        assertThat(verdict.red()).isTrue();
        assertThat(verdict.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.toLine())
                        .contains("not BACKWARD+CONSUMERS compatible at 'customerId': Consumer inventory-svc 1.0.0")
                        .doesNotContain("v0"));
    }
}
