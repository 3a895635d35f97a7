package dev.eventcontracts.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.core.policies.Policy;
import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.policy.PolicyDeadLettersApp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service whose queue gets its dead-letter exchange from a broker policy (docs/broker.md,
 * Policies), as the plugin's {@code start} loads it from {@code <definitions>}: judged on that real
 * topology, it passes with the policy and fails without it.
 */
class PolicyTopologyTest {

    private static final Policy DLX_POLICY =
            Policy.of("parcels-dlx", "^parcels\\.scanned$", Map.of("dead-letter-exchange", "parcels.scanned.dlx"));

    private static ServiceSession start(HarnessBroker broker) {
        ServiceContract contract = ServiceContract.builder(
                        PolicyDeadLettersApp.class, ParcelListener.class, "onScanned")
                .queue("parcels.scanned")
                .build();
        return ServiceSession.start(
                contract,
                new ServiceSession.Options(broker.amqpUri(), broker.adminUri(), null, Duration.ofSeconds(10)));
    }

    @Test
    void deadLetterExchangeFromPolicy_queueWithoutArgument_passesTheDeadLetterScenarios() {
        try (HarnessBroker broker =
                        HarnessBroker.builder().policy(DLX_POLICY).build().start();
                ServiceSession session = start(broker)) {
            for (Scenario s : new Scenario[] {
                Scenario.UNDECODABLE_BYTES, Scenario.WRONG_SCHEMA, Scenario.RETRIES_EXHAUSTED, Scenario.CONSERVATION
            }) {
                ScenarioResult r = session.run(s);
                assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED);
            }
            assertThat(session.deadLetterExchange()).isEqualTo("parcels.scanned.dlx");
        }
    }

    @Test
    void sameServiceWithoutThePolicy_failsNamingTheMissingDeadLetterExchange() {
        try (HarnessBroker broker = HarnessBroker.builder().build().start();
                ServiceSession session = start(broker)) {
            ScenarioResult r = session.run(Scenario.UNDECODABLE_BYTES);

            assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
            assertThat(r.message())
                    .contains("queue 'parcels.scanned' has no dead-letter exchange", "ParcelListener#onScanned");
            assertThat(r.fix()).contains("or a policy");
            assertThat(session.deadLetterExchange()).isNull();
        }
    }

    @Test
    void policyNamingAnExchangeNobodyDeclares_failsNamingThatExchange() {
        Policy wrong =
                Policy.of("parcels-dlx", "^parcels\\.scanned$", Map.of("dead-letter-exchange", "parcels.nowhere"));
        try (HarnessBroker broker =
                        HarnessBroker.builder().policy(wrong).build().start();
                ServiceSession session = start(broker)) {
            ScenarioResult r = session.run(Scenario.UNDECODABLE_BYTES);

            assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
            assertThat(r.message()).contains("dead-letters to exchange 'parcels.nowhere', which nobody declares");
        }
    }
}
