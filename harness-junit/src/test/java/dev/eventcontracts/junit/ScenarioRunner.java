package dev.eventcontracts.junit;

import dev.eventcontracts.junit.internal.scenario.ContractSession;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Runs scenarios of one contract against one broker, for tests. */
public final class ScenarioRunner {

    private ScenarioRunner() {}

    /**
     * What a session produced.
     *
     * @param results the scenario results in run order
     * @param findings the session's findings
     * @param effectsObservedAt where published messages were seen
     */
    public record Outcome(
            List<ScenarioResult> results, List<ContractSession.Finding> findings, String effectsObservedAt) {}

    /**
     * Runs {@code scenarios} in one session, reading the publish journal when the broker is the
     * shared harness broker (as the extension does for its own broker).
     */
    public static Outcome session(URI broker, ConsumerContract contract, Scenario... scenarios) {
        try (ContractSession session = new ContractSession(
                contract, broker, ContractSession.Options.defaults(), BrokerTarget.journalFor(broker))) {
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                results.add(session.run(scenario));
            }
            return new Outcome(results, session.findings(), session.effectsObservedAt());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open a contract session on " + broker, e);
        }
    }

    /** Runs {@code scenarios} in one session and returns their results in order. */
    public static List<ScenarioResult> run(URI broker, ConsumerContract contract, Scenario... scenarios) {
        return session(broker, contract, scenarios).results();
    }

    /** Runs one scenario. */
    public static ScenarioResult runOne(URI broker, ConsumerContract contract, Scenario scenario) {
        return run(broker, contract, scenario).get(0);
    }
}
