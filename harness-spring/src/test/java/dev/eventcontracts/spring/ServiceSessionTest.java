package dev.eventcontracts.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.spring.samples.HttpParcelListener;
import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.ackless.AcklessApp;
import dev.eventcontracts.spring.samples.dlxmissing.UndeclaredDeadLetterExchangeApp;
import dev.eventcontracts.spring.samples.good.GoodParcelApp;
import dev.eventcontracts.spring.samples.httpnoretry.HttpNoRetryApp;
import dev.eventcontracts.spring.samples.httpretry.HttpRetryApp;
import dev.eventcontracts.spring.samples.loop.RequeueForeverApp;
import dev.eventcontracts.spring.samples.memorydedupe.InMemoryDedupeApp;
import dev.eventcontracts.spring.samples.nodlx.NoDeadLetterExchangeApp;
import dev.eventcontracts.spring.samples.republish.RepublishingApp;
import dev.eventcontracts.spring.samples.sequence.SequencingApp;
import dev.eventcontracts.spring.samples.silent.SilentApp;
import dev.eventcontracts.spring.samples.stateonly.StateOnlyApp;
import dev.eventcontracts.spring.samples.unconfirmed.UnconfirmedPublisherApp;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each defect class of service mode, proven on a Spring Boot service that has it, and the right
 * configuration proven to pass every scenario service mode runs.
 */
class ServiceSessionTest {

    private static final List<Scenario> RUN_BY_SERVICE_MODE = List.of(
            Scenario.DUPLICATE_DELIVERY,
            Scenario.LOST_ACK,
            Scenario.OUT_OF_ORDER_REDELIVERY,
            Scenario.BATCH_REPLAY,
            Scenario.REPUBLISHED_NEW_MESSAGE_ID,
            Scenario.CONCURRENT_INSTANCES,
            Scenario.UNDECODABLE_BYTES,
            Scenario.WRONG_SCHEMA,
            Scenario.NON_RETRYABLE,
            Scenario.RETRIES_EXHAUSTED,
            Scenario.TRANSIENT_RECOVERS,
            Scenario.NO_HEAD_OF_LINE_BLOCKING,
            Scenario.CONSERVATION);

    private static ServiceSession start(Class<?> application) {
        ServiceContract contract = ServiceContract.builder(application, ParcelListener.class, "onScanned")
                .queue("parcels.scanned")
                .build();
        return ServiceSession.start(contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)));
    }

    private static ScenarioResult runOne(Class<?> application, Scenario scenario) {
        try (ServiceSession session = start(application)) {
            return session.run(scenario);
        }
    }

    @Test
    void rightConfiguration_passesEveryScenarioServiceModeRuns() {
        Map<Scenario, ScenarioResult> results = new EnumMap<>(Scenario.class);
        try (ServiceSession session = start(GoodParcelApp.class)) {
            for (Scenario s : RUN_BY_SERVICE_MODE) {
                results.put(s, session.run(s));
            }
        }
        assertThat(results.values())
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED));
    }

    @Test
    void queueWithoutDeadLetterExchange_failsUndecodableBytesAndConservation_namingQueueAndFix() {
        ScenarioResult g;
        ScenarioResult m;
        try (ServiceSession session = start(NoDeadLetterExchangeApp.class)) {
            g = session.run(Scenario.UNDECODABLE_BYTES);
            m = session.run(Scenario.CONSERVATION);
        }

        assertThat(g.status()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(g.message())
                .contains("queue 'parcels.scanned' has no dead-letter exchange", "dropped after 1 delivery")
                .contains("ParcelListener#onScanned");
        assertThat(g.fix()).contains("x-dead-letter-exchange", "QueueBuilder");
        assertThat(m.status()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(m.message())
                .contains("has no dead-letter exchange: undecodable bytes was dropped")
                .doesNotContain("acknowledged as processed");
    }

    @Test
    void springDefaults_failPersistentFailure_asRequeuedForever_namingTheProperty() {
        ScenarioResult r = runOne(RequeueForeverApp.class, Scenario.RETRIES_EXHAUSTED);

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message())
                .contains("ParcelListener#onScanned", "requeued forever")
                .contains("spring.rabbitmq.listener.simple.default-requeue-rejected = true (Spring's default)");
        assertThat(r.fix()).contains("default-requeue-rejected: false");
    }

    @Test
    void deadLetterExchangeDeclaredByNobody_failsUndecodableBytes_namingTheExchange() {
        ScenarioResult r = runOne(UndeclaredDeadLetterExchangeApp.class, Scenario.UNDECODABLE_BYTES);

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message()).contains("exchange 'parcels.scanned.dlx', which nobody declares");
        assertThat(r.fix()).contains("declare exchange 'parcels.scanned.dlx'");
    }

    @Test
    void acknowledgeModeNone_failsPersistentFailure_asAckedAndLost() {
        ScenarioResult r = runOne(AcklessApp.class, Scenario.RETRIES_EXHAUSTED);

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message())
                .contains("ParcelListener#onScanned", "acknowledged on delivery and lost")
                .contains("spring.rabbitmq.listener.simple.acknowledge-mode = none");
    }

    @Test
    void outgoingEventPublishedOnEveryRedelivery_failsLostAck_namingTheEffects() {
        ScenarioResult r = runOne(RepublishingApp.class, Scenario.LOST_ACK);

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message())
                .contains("ParcelListener#onScanned is not idempotent", "losing the ack")
                .contains("published 2 messages on exchange 'parcels' with routing key 'parcel.stored' (expected 1)");
    }

    @Test
    void processedEventsRecordedInMemory_failRestartAndTwoInstances_namingTheEffects() {
        ScenarioResult d;
        ScenarioResult f;
        ScenarioResult b;
        try (ServiceSession session = start(InMemoryDedupeApp.class)) {
            b = session.run(Scenario.LOST_ACK);
            d = session.run(Scenario.BATCH_REPLAY);
            f = session.run(Scenario.CONCURRENT_INSTANCES);
        }

        assertThat(b.status())
                .as("a redelivery to the same instance is caught by its memory: " + b.describe())
                .isEqualTo(ScenarioStatus.PASSED);
        assertThat(d.status()).as(d.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(d.message())
                .contains("ParcelListener#onScanned is not idempotent", "after the service restarted")
                .contains("published 4 messages on exchange 'parcels' with routing key 'parcel.stored' (expected 2)");
        assertThat(d.fix()).contains("durable state");
        assertThat(f.status()).as(f.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(f.message())
                .contains("two instances of the service")
                .contains("published 2 messages on exchange 'parcels' with routing key 'parcel.stored' (expected 1)");
        assertThat(f.fix()).contains("unique constraint");
    }

    @Test
    void businessInvalidSampleOfTheFixture_onSpringDefaults_failsNonRetryableAndConservation_asRequeuedForever() {
        ScenarioResult r;
        ScenarioResult m;
        try (ServiceSession session = start(RequeueForeverApp.class)) {
            r = session.run(Scenario.NON_RETRYABLE);
            m = session.run(Scenario.CONSERVATION);
        }

        assertThat(m.status()).as(m.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(m.message())
                .startsWith("messages were not conserved")
                .contains("business-invalid sample #1 of RequeueForeverFixture was requeued forever");

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message())
                .contains("ParcelListener#onScanned", "business-invalid sample #1 of RequeueForeverFixture")
                .contains("requeued forever");
        assertThat(r.fix()).contains("default-requeue-rejected: false");
    }

    @Test
    void withoutFixture_skipsNonRetryable_sayingHowToSupplyASample() {
        ScenarioResult r = runOne(NoDeadLetterExchangeApp.class, Scenario.NON_RETRYABLE);

        assertThat(r.status()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(r.message())
                .contains("no business-invalid sample for ParcelListener#onScanned")
                .contains("implementing ServiceFixture<ParcelListener>", "poisonSamples()");
    }

    @Test
    void listenerWithoutObservableEffect_skipsIdempotency_withEffectsUnobservableWarning() {
        ServiceContract contract = ServiceContract.builder(SilentApp.class, SilentApp.SilentListener.class, "onScanned")
                .queue("parcels.scanned")
                .build();
        ScenarioResult a;
        List<ContractSession.Finding> findings;
        try (ServiceSession session =
                ServiceSession.start(contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)))) {
            a = session.run(Scenario.DUPLICATE_DELIVERY);
            findings = session.findings();
        }

        assertThat(a.status()).as(a.describe()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(a.message()).startsWith("UNPROVABLE (warning): SilentListener#onScanned shows no observable effect");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("effects-unobservable");
            assertThat(f.severity()).isEqualTo("WARNING");
            assertThat(f.message()).contains("(a)-(f) could not judge it", "eventcontracts.state.query");
        });
    }

    @Test
    void outgoingBodyDependingOnHistory_failsDuplicateDelivery_namingTheBodies() {
        ServiceContract contract = ServiceContract.builder(
                        SequencingApp.class, SequencingApp.SequencingListener.class, "onScanned")
                .queue("parcels.scanned")
                .build();
        ScenarioResult a;
        try (ServiceSession session =
                ServiceSession.start(contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)))) {
            a = session.run(Scenario.DUPLICATE_DELIVERY);
        }

        assertThat(a.status()).as(a.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(a.message())
                .contains("published a different message on exchange 'parcels' with routing key 'parcel.stored'")
                .contains("{\"parcelId\":\"<parcelId>\",\"sequence\":2}")
                .contains("expected {\"parcelId\":\"<parcelId>\",\"sequence\":1}");
    }

    @Test
    void stateNamedByQuery_isAnEffect_aRowPerDeliveryFailsDuplicateDelivery() {
        ServiceContract contract = ServiceContract.builder(
                        StateOnlyApp.class, StateOnlyApp.CountingListener.class, "onScanned")
                .queue("parcels.scanned")
                .build();
        ScenarioResult a;
        String judgedOn;
        List<ContractSession.Finding> findings;
        try (ServiceSession session =
                ServiceSession.start(contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)))) {
            a = session.run(Scenario.DUPLICATE_DELIVERY);
            judgedOn = session.judgedOn();
            findings = session.findings();
        }

        assertThat(judgedOn).isEqualTo("service: broker journal + HTTP stub + state");
        assertThat(findings).isEmpty();
        assertThat(a.status()).as(a.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(a.message())
                .contains("CountingListener#onScanned is not idempotent", "delivering it twice")
                .contains("state is [\"+ {\\\"parcel_id\\\":\\\"<parcelId>\\\"}\"");
    }

    private static ScenarioResult runHttp(Class<?> application, Scenario scenario) {
        ServiceContract contract = ServiceContract.builder(application, HttpParcelListener.class, "onScanned")
                .queue("parcels.scanned")
                .build();
        try (ServiceSession session =
                ServiceSession.start(contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)))) {
            return session.run(scenario);
        }
    }

    @Test
    void downstream503_retriedInTheListener_recoversOnce() {
        ScenarioResult r = runHttp(HttpRetryApp.class, Scenario.TRANSIENT_RECOVERS);

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED);
    }

    @Test
    void downstream503_withoutRetry_failsTransientRecovers_asDeadLettered() {
        ScenarioResult r = runHttp(HttpNoRetryApp.class, Scenario.TRANSIENT_RECOVERS);

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message())
                .contains(
                        "HttpParcelListener#onScanned: one HTTP 503", "dead-lettered the event instead of retrying it");
        assertThat(r.fix()).contains("spring.rabbitmq.listener.simple.retry.enabled: true");
    }

    @Test
    void listenerWithoutHttpCallsOrPublishes_skipsTransientRecovers_sayingWhy() {
        ServiceContract contract = ServiceContract.builder(SilentApp.class, SilentApp.SilentListener.class, "onScanned")
                .queue("parcels.scanned")
                .build();
        ScenarioResult r;
        try (ServiceSession session =
                ServiceSession.start(contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)))) {
            r = session.run(Scenario.TRANSIENT_RECOVERS);
        }

        assertThat(r.status()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(r.message())
                .contains("called no HTTP endpoint and published no message", "${eventcontracts.http.uri}");
    }

    @Test
    void publisherWithoutConfirms_losesTheOutgoingEvent_failsTransientAndPersistentFailure_withFinding() {
        ScenarioResult k;
        ScenarioResult j;
        List<ContractSession.Finding> findings;
        try (ServiceSession session = start(UnconfirmedPublisherApp.class)) {
            k = session.run(Scenario.TRANSIENT_RECOVERS);
            j = session.run(Scenario.RETRIES_EXHAUSTED);
            findings = session.findings();
        }

        assertThat(k.status()).as(k.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(k.message())
                .contains("ParcelListener#onScanned publishes to exchange 'parcels' with routing key 'parcel.stored'"
                        + " without publisher confirms")
                .contains("nacked its publish", "acknowledged the event anyway", "was lost");
        assertThat(k.fix()).contains("spring.rabbitmq.publisher-confirm-type: correlated", "getFuture()");
        assertThat(j.status()).as(j.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(j.message()).contains("refused every publish", "was lost");
        assertThat(findings).extracting(ContractSession.Finding::code).containsOnly("publishes-unconfirmed");
    }

    @Test
    void publisherWithConfirmsInOneTransactionWithItsRecord_passesNackedAndRefusedPublishes() {
        ScenarioResult k;
        ScenarioResult j;
        List<ContractSession.Finding> findings;
        try (ServiceSession session = start(GoodParcelApp.class)) {
            k = session.run(Scenario.TRANSIENT_RECOVERS);
            j = session.run(Scenario.RETRIES_EXHAUSTED);
            findings = session.findings();
        }

        assertThat(k.status()).as(k.describe()).isEqualTo(ScenarioStatus.PASSED);
        assertThat(j.status()).as(j.describe()).isEqualTo(ScenarioStatus.PASSED);
        assertThat(findings).isEmpty();
    }
}
