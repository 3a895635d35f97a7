package dev.eventcontracts.junit;

import dev.eventcontracts.junit.internal.scenario.ContractSession;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Runs scenarios of one contract against one broker, for tests. */
public final class ScenarioRunner {

    private ScenarioRunner() {}

    /** Runs {@code scenarios} in one session and returns their results in order. */
    public static List<ScenarioResult> run(URI broker, ConsumerContract contract, Scenario... scenarios) {
        try (ContractSession session = new ContractSession(contract, broker, ContractSession.Options.defaults())) {
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                results.add(session.run(scenario));
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open a contract session on " + broker, e);
        }
    }

    /** Runs one scenario. */
    public static ScenarioResult runOne(URI broker, ConsumerContract contract, Scenario scenario) {
        return run(broker, contract, scenario).get(0);
    }
}
