package dev.eventcontracts.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.spring.samples.RejectingParcelListener;
import dev.eventcontracts.spring.samples.rejecting.RejectingDefaultsApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * (j) with a listener that rejects invalid events itself: the blank event is dead-lettered whatever
 * the container's settings, so (j) also injects a failure that persists before the listener runs —
 * the unexpected exception Spring's requeue defaults loop on.
 */
class PersistentFailureTest {

    private static ScenarioResult retriesExhausted(String properties) {
        System.setProperty("rejecting.properties", properties);
        try {
            ServiceContract contract = ServiceContract.builder(
                            RejectingDefaultsApp.class, RejectingParcelListener.class, "onScanned")
                    .queue("parcels.scanned")
                    .build();
            try (ServiceSession session = ServiceSession.start(
                    contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)))) {
                return session.run(Scenario.RETRIES_EXHAUSTED);
            }
        } finally {
            System.clearProperty("rejecting.properties");
        }
    }

    @Test
    void springDefaults_listenerThatRejectsInvalidEvents_stillFails_asRequeuedForever() {
        ScenarioResult r = retriesExhausted("defaults");

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message())
                .contains("RejectingParcelListener#onScanned: a poison message (an event whose every attempt fails")
                .contains("was requeued forever")
                .contains("spring.rabbitmq.listener.simple.default-requeue-rejected = true (Spring's default)");
        assertThat(r.fix()).contains("default-requeue-rejected: false");
    }

    @Test
    void retryAndNoRequeue_listenerThatRejectsInvalidEvents_passes() {
        ScenarioResult r = retriesExhausted("safe");

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED);
    }
}
