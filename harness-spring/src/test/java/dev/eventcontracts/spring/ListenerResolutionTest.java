package dev.eventcontracts.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.spring.samples.ParcelEvents;
import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.ParcelLost;
import dev.eventcontracts.spring.samples.ParcelScanned;
import dev.eventcontracts.spring.samples.good.GoodParcelApp;
import dev.eventcontracts.spring.samples.handlers.HandlersApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which listener a contract runs, however its queue is written: class-level {@code
 * @RabbitListener} with {@code @RabbitHandler} methods (one contract per payload type), SpEL
 * resolved by the running container, placeholders resolved against the service's environment.
 */
class ListenerResolutionTest {

    private static final ServiceSession.Options OWN_BROKER =
            new ServiceSession.Options(null, null, null, Duration.ofSeconds(10));

    @Test
    void rabbitHandler_ofClassLevelListener_withSpelQueue_runsEveryScenarioOnItsPayloadType() {
        ServiceContract contract = ServiceContract.builder(
                        HandlersApp.class, ParcelEvents.class, "handle", ParcelScanned.class)
                .queue("")
                .build();
        List<Scenario> scenarios = List.of(
                Scenario.LOST_ACK,
                Scenario.UNDECODABLE_BYTES,
                Scenario.WRONG_SCHEMA,
                Scenario.RETRIES_EXHAUSTED,
                Scenario.CONSERVATION);

        try (ServiceSession session = ServiceSession.start(contract, OWN_BROKER)) {
            assertThat(session.queue()).isEqualTo("parcels.scanned");
            for (Scenario s : scenarios) {
                ScenarioResult r = session.run(s);
                assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED);
            }
        }
        assertThat(contract.displayName()).isEqualTo("ParcelEvents#handle(ParcelScanned)");
        assertThat(contract.consumerId())
                .isEqualTo("dev.eventcontracts.spring.samples.ParcelEvents#handle(ParcelScanned)");
        assertThat(contract.target().fileStem()).isEqualTo("ParcelEvents-handle-ParcelScanned");
    }

    @Test
    void secondRabbitHandler_isDrivenWithItsOwnPayloadType() {
        ServiceContract contract = ServiceContract.builder(
                        HandlersApp.class, ParcelEvents.class, "handle", ParcelLost.class)
                .build();

        try (ServiceSession session = ServiceSession.start(contract, OWN_BROKER)) {
            ScenarioResult lostAck = session.run(Scenario.LOST_ACK);
            ScenarioResult blank = session.run(Scenario.RETRIES_EXHAUSTED);

            // passes only when the samples reached handle(ParcelLost): its effect is publish parcels/parcel.lost
            assertThat(lostAck.status()).as(lostAck.describe()).isEqualTo(ScenarioStatus.PASSED);
            assertThat(blank.status()).as(blank.describe()).isEqualTo(ScenarioStatus.PASSED);
        }
    }

    @Test
    void handlerPayloadType_thatNoMethodTakes_isRefusedNamingTheFix() {
        assertThatThrownBy(() -> ServiceContract.builder(HandlersApp.class, ParcelEvents.class, "handle", String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one method 'handle' taking 'java.lang.String'")
                .hasMessageContaining("Regenerate the contract tests");
    }

    @Test
    void listenerThatNoContainerRuns_withAQueueOnlyTheContainerKnows_failsNamingTheListenerAndTheQueuesFound() {
        // GoodParcelApp has no ParcelEvents bean: nothing runs handle(ParcelScanned)
        ServiceContract contract = ServiceContract.builder(
                        GoodParcelApp.class, ParcelEvents.class, "handle", ParcelScanned.class)
                .queue("")
                .build();

        assertThatThrownBy(() -> ServiceSession.start(contract, OWN_BROKER).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No listener container of the service runs ParcelEvents#handle(ParcelScanned)")
                .hasMessageContaining("the containers read [parcels.scanned]")
                .hasMessageContaining("a bean of the service");
    }

    @Test
    void placeholderQueue_isResolvedAgainstTheServiceEnvironment() {
        ServiceContract contract = ServiceContract.builder(GoodParcelApp.class, ParcelListener.class, "onScanned")
                .queue("${parcels.queue:parcels.scanned}")
                .build();

        try (ServiceSession session = ServiceSession.start(contract, OWN_BROKER)) {
            assertThat(session.queue()).isEqualTo("parcels.scanned");
        }
    }

    @Test
    void placeholderThatTheServiceDoesNotSet_failsNamingTheProperty() {
        ServiceContract contract = ServiceContract.builder(GoodParcelApp.class, ParcelListener.class, "onScanned")
                .queue("${parcels.unset.queue}")
                .build();

        assertThatThrownBy(() -> ServiceSession.start(contract, OWN_BROKER).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'${parcels.unset.queue}' of ParcelListener#onScanned")
                .hasMessageContaining("parcels.unset.queue")
                .hasMessageContaining("application.yml");
    }
}
