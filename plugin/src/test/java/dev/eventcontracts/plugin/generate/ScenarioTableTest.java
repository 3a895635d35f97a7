package dev.eventcontracts.plugin.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.Scenario;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScenarioTableTest {

    @Test
    void generatedScenarioNames_matchTheRuntimeEnum_inOrder() {
        assertThat(ScenarioTable.ROWS)
                .extracting(ScenarioTable.Row::constant)
                .containsExactlyElementsOf(
                        Arrays.stream(Scenario.values()).map(Enum::name).toList());
        for (ScenarioTable.Row row : ScenarioTable.ROWS) {
            Scenario scenario = Scenario.valueOf(row.constant());
            assertThat(row.letter()).isEqualTo(scenario.letter());
            assertThat(row.displayName()).isEqualTo(scenario.displayName());
        }
    }
}
