package dev.eventcontracts.plugin.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.annotations.contract.ContractScenario;
import dev.eventcontracts.junit.Scenario;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The one scenario model and the runtime constants generated tests name stay one list. */
class ContractScenarioTest {

    @Test
    void runtimeConstants_areTheContractScenarios_inOrder_withTheSameDescription() {
        assertThat(Arrays.stream(Scenario.values()).map(Enum::name))
                .containsExactlyElementsOf(
                        Arrays.stream(ContractScenario.values()).map(Enum::name).toList());
        for (ContractScenario descriptor : ContractScenario.values()) {
            Scenario scenario = Scenario.of(descriptor);
            assertThat(scenario.id()).isEqualTo(descriptor.id());
            assertThat(scenario.letter()).isEqualTo(descriptor.letter());
            assertThat(scenario.displayName()).isEqualTo(descriptor.displayName());
        }
        assertThat(ContractScenario.on(ContractScenario.Transport.AMQP).stream().map(ContractScenario::letter))
                .containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n");
        assertThat(ContractScenario.on(ContractScenario.Transport.KAFKA).stream()
                        .map(ContractScenario::letter))
                .containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o");
    }
}
