package dev.eventcontracts.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.junit.samples.SampleContracts;
import org.junit.jupiter.api.Test;

class AllScenariosSmokeTest {
    @Test
    void correctConsumer_passesEveryScenario_onRabbitMq() throws Exception {
        try (ContractSession session = new ContractSession(
                SampleContracts.correct(), Brokers.rabbitMq(), ContractSession.Options.defaults())) {
            for (Scenario s : Scenario.values()) {
                ScenarioResult r = session.run(s);
                System.out.println(r);
            }
            assertThat(session.results()).allMatch(r -> r.status() == ScenarioStatus.PASSED);
        }
    }
}
