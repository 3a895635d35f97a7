package dev.eventcontracts.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.kafka.EmbeddedKafka;
import dev.eventcontracts.registry.EmbeddedRegistry;
import dev.eventcontracts.spring.kafkasamples.ShipmentListener;
import dev.eventcontracts.spring.kafkasamples.avro.AvroShippingApp;
import dev.eventcontracts.spring.kafkasamples.duplicating.DuplicatingShippingApp;
import dev.eventcontracts.spring.kafkasamples.good.GoodShippingApp;
import dev.eventcontracts.spring.kafkasamples.kinds.KindsShippingApp;
import dev.eventcontracts.spring.kafkasamples.retryinginvalid.RetryingInvalidShippingApp;
import dev.eventcontracts.spring.kafkasamples.retrytopics.RetryTopicsShippingApp;
import dev.eventcontracts.spring.kafkasamples.retrytopics.RetryingShipmentListener;
import dev.eventcontracts.spring.kafkasamples.skipping.SkippingShippingApp;
import dev.eventcontracts.spring.kafkasamples.unguarded.UnguardedShippingApp;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The held-out defect classes of Kafka service mode, each proven on a Spring Boot service that has
 * it (records logged and skipped without a dead-letter recoverer, a non-idempotent listener, a
 * poison pill without ErrorHandlingDeserializer, retry topics breaking a declared order), and the
 * right configuration proven to pass every Kafka scenario it can run.
 */
class KafkaServiceSessionTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.startDefault();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private static KafkaServiceSession start(Class<?> application, Class<?> listener, String orderedBy) {
        KafkaServiceContract contract = KafkaServiceContract.builder(application, listener, "onOrder")
                .topic("${orders.topic}")
                .orderedBy(orderedBy)
                .build();
        return KafkaServiceSession.start(
                contract, new KafkaServiceSession.Options(kafka.bootstrapServers(), null, Duration.ofSeconds(10)));
    }

    @Test
    void rightConfiguration_passesEveryKafkaScenarioItRuns() {
        Map<Scenario, ScenarioResult> results = new EnumMap<>(Scenario.class);
        try (KafkaServiceSession session = start(GoodShippingApp.class, ShipmentListener.class, "orderId")) {
            for (Scenario s : Scenario.on(dev.eventcontracts.annotations.contract.ContractScenario.Transport.KAFKA)) {
                results.put(s, session.run(s));
            }
            assertThat(session.deadLetterTopic()).isNotNull();
        }
        assertThat(results.values())
                .filteredOn(
                        r -> r.scenario() != Scenario.SCHEMA_EVOLUTION && r.scenario() != Scenario.TRANSIENT_RECOVERS)
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED));
        assertThat(results.get(Scenario.TRANSIENT_RECOVERS).status()).isEqualTo(ScenarioStatus.SKIPPED);
        ScenarioResult n = results.get(Scenario.SCHEMA_EVOLUTION);
        assertThat(n.status()).as(n.describe()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(n.message()).contains("reads JSON, not an Avro record");
    }

    @Test
    void errorHandlerWithoutRecoverer_failsRetriesExhausted_recordLoggedAndSkipped() {
        ScenarioResult j;
        ScenarioResult m;
        try (KafkaServiceSession session = start(SkippingShippingApp.class, ShipmentListener.class, "")) {
            j = session.run(Scenario.RETRIES_EXHAUSTED);
            m = session.run(Scenario.CONSERVATION);
        }
        assertThat(j.status()).as(j.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(j.message())
                .contains("no DeadLetterPublishingRecoverer", "ShipmentListener#onOrder", "logged and skipped");
        assertThat(j.fix()).contains("new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template)");
        assertThat(m.status()).as(m.describe()).isEqualTo(ScenarioStatus.FAILED);
    }

    @Test
    void nonIdempotentListener_failsDuplicateCommitLostAndTwoInstances_namingListener() {
        ScenarioResult a;
        ScenarioResult b;
        ScenarioResult d;
        ScenarioResult f;
        ScenarioResult i;
        try (KafkaServiceSession session = start(DuplicatingShippingApp.class, ShipmentListener.class, "")) {
            a = session.run(Scenario.DUPLICATE_DELIVERY);
            b = session.run(Scenario.COMMIT_LOST);
            d = session.run(Scenario.OFFSET_REPLAY);
            f = session.run(Scenario.GROUP_REBALANCE);
            i = session.run(Scenario.NON_RETRYABLE);
        }
        assertThat(a.status()).as(a.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(a.message()).contains("ShipmentListener#onOrder is not idempotent", "shipments.created");
        assertThat(b.status()).as(b.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(d.status()).as(d.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(f.status()).as(f.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(f.message())
                .contains(
                        "ShipmentListener#onOrder is not idempotent",
                        "two instances",
                        "{record on 'shipments.created'=3}");
        assertThat(i.status()).as(i.describe()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(i.message()).contains("no business-invalid sample", "ServiceFixture<ShipmentListener>");
    }

    @Test
    void errorHandlerRetryingValidationFailures_failsNonRetryable_namingAttemptsAndException() {
        ScenarioResult i;
        try (KafkaServiceSession session = start(RetryingInvalidShippingApp.class, ShipmentListener.class, "")) {
            i = session.run(Scenario.NON_RETRYABLE);
        }
        assertThat(i.status()).as(i.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(i.message())
                .contains(
                        "ShipmentListener#onOrder",
                        "business-invalid sample #1 of ShipmentListenerFixture",
                        "only after 3 attempts",
                        "java.lang.IllegalArgumentException");
        assertThat(i.fix()).contains("addNotRetryableExceptions(java.lang.IllegalArgumentException.class)");
    }

    @Test
    void poisonPillWithoutErrorHandlingDeserializer_failsUndecodableBytes_namingDeserializer() {
        ScenarioResult g;
        ScenarioResult l;
        try (KafkaServiceSession session = start(UnguardedShippingApp.class, ShipmentListener.class, "")) {
            g = session.run(Scenario.UNDECODABLE_BYTES);
            l = session.run(Scenario.NO_HEAD_OF_LINE_BLOCKING);
        }
        assertThat(g.status()).as(g.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(g.message()).contains("ShipmentListener#onOrder");
        assertThat(g.message() + g.fix()).contains("ErrorHandlingDeserializer");
        // (g) runs first, before the group ever committed: the container fails in poll() on the record
        // again and again, so it blocks its partition; it is not "logged and skipped"
        assertThat(g.message()).contains("blocks its partition").doesNotContain("logged and skipped");
        assertThat(l.status()).as(l.describe()).isIn(ScenarioStatus.PASSED, ScenarioStatus.FAILED);
    }

    @Test
    void retryTopicsOnOrderedListener_failKeyOrdering_namingRetryTopics() {
        ScenarioResult o;
        ScenarioResult j;
        ScenarioResult m;
        try (KafkaServiceSession session =
                start(RetryTopicsShippingApp.class, RetryingShipmentListener.class, "orderId")) {
            o = session.run(Scenario.KEY_ORDERING);
            j = session.run(Scenario.RETRIES_EXHAUSTED);
            m = session.run(Scenario.CONSERVATION);
        }
        assertThat(o.status()).as(o.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(o.message()).contains("RetryingShipmentListener#onOrder", "orderedBy = \"orderId\"", "retry");
        assertThat(o.fix()).contains("@RetryableTopic");
        assertThat(j.status()).as(j.describe()).isEqualTo(ScenarioStatus.PASSED);
        // the retry-topic path writes kafka_original-* and kafka_exception-fqcn, not kafka_dlt-*
        assertThat(m.status()).as(m.describe()).isEqualTo(ScenarioStatus.PASSED);
    }

    private static KafkaServiceSession startKinds(Class<?> listener, String topic) {
        KafkaServiceContract contract = KafkaServiceContract.builder(KindsShippingApp.class, listener, "onOrder")
                .topic(topic)
                .build();
        return KafkaServiceSession.start(
                contract, new KafkaServiceSession.Options(kafka.bootstrapServers(), null, Duration.ofSeconds(10)));
    }

    @Test
    void consumerRecordAndMessageParameters_samplesOfTheirValueType_pass() {
        Map<Class<?>, String> listeners = Map.of(
                KindsShippingApp.RecordOrderListener.class, "orders.kinds.record",
                KindsShippingApp.MessageOrderListener.class, "orders.kinds.message");
        listeners.forEach((listener, topic) -> {
            ScenarioResult a;
            ScenarioResult g;
            try (KafkaServiceSession session = startKinds(listener, topic)) {
                a = session.run(Scenario.DUPLICATE_DELIVERY);
                g = session.run(Scenario.UNDECODABLE_BYTES);
            }
            assertThat(a.status()).as(a.describe()).isEqualTo(ScenarioStatus.PASSED);
            assertThat(g.status()).as(g.describe()).isEqualTo(ScenarioStatus.PASSED);
        });
    }

    @Test
    void rawStringPayload_drivenWithFixtureSamples_rawBytesWithoutSamples_skippedSayingWhatToSupply() {
        ScenarioResult a;
        ScenarioResult i;
        ScenarioResult g;
        try (KafkaServiceSession session = startKinds(KindsShippingApp.TextOrderListener.class, "orders.kinds.text")) {
            a = session.run(Scenario.DUPLICATE_DELIVERY);
            i = session.run(Scenario.NON_RETRYABLE);
            g = session.run(Scenario.UNDECODABLE_BYTES);
        }
        assertThat(a.status()).as(a.describe()).isEqualTo(ScenarioStatus.PASSED);
        assertThat(i.status()).as(i.describe()).isEqualTo(ScenarioStatus.PASSED);
        assertThat(g.status()).as(g.describe()).isEqualTo(ScenarioStatus.PASSED);
        ScenarioResult bytes;
        try (KafkaServiceSession session =
                startKinds(KindsShippingApp.BytesOrderListener.class, "orders.kinds.bytes")) {
            bytes = session.run(Scenario.DUPLICATE_DELIVERY);
        }
        assertThat(bytes.status()).as(bytes.describe()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(bytes.message())
                .contains("samples-missing", "raw byte[] payload", "ServiceFixture<BytesOrderListener>");
    }

    private static final String WRITERS = "src/test/resources/kafkasamples/writers/";

    @Test
    void avroPayloadReadByApicurioDeserializer_samplesWrittenByApicurioSerializer_pass() throws Exception {
        ScenarioResult a;
        ScenarioResult g;
        ScenarioResult n;
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().build().start()) {
            KafkaServiceContract contract = KafkaServiceContract.builder(
                            AvroShippingApp.class, AvroShippingApp.WeighingListener.class, "onWeighed")
                    .topic("parcels.weighed")
                    .previousWriterSchemaFile(WRITERS + "parcel-weighed.v1-without-note.avsc")
                    .build();
            try (KafkaServiceSession session = KafkaServiceSession.start(
                    contract,
                    new KafkaServiceSession.Options(
                            kafka.bootstrapServers(), registry.uri().toString(), Duration.ofSeconds(10)))) {
                a = session.run(Scenario.DUPLICATE_DELIVERY);
                g = session.run(Scenario.UNDECODABLE_BYTES);
                n = session.run(Scenario.SCHEMA_EVOLUTION);
            }
            assertThat(registry.store().findArtifact("default", "parcels.weighed-value"))
                    .isPresent();
        }
        assertThat(a.status()).as(a.describe()).isEqualTo(ScenarioStatus.PASSED);
        assertThat(g.status()).as(g.describe()).isEqualTo(ScenarioStatus.PASSED);
        assertThat(n.status()).as(n.describe()).isEqualTo(ScenarioStatus.PASSED);
    }

    @Test
    void avroReaderRequiringFieldOlderWriterLacks_failsWriterVersions_namingVersionAndAvroError() throws Exception {
        ScenarioResult n;
        // a cluster of its own: the sample service remembers parcels per cluster, and this run's good
        // samples are the same as the test above's
        try (EmbeddedKafka own = EmbeddedKafka.startDefault();
                EmbeddedRegistry registry = EmbeddedRegistry.builder().build().start()) {
            KafkaServiceContract contract = KafkaServiceContract.builder(
                            AvroShippingApp.class, AvroShippingApp.WeighingListener.class, "onWeighed")
                    .topic("parcels.weighed")
                    .previousWriterSchemaFile(WRITERS + "parcel-weighed.v1-without-depot.avsc")
                    .build();
            try (KafkaServiceSession session = KafkaServiceSession.start(
                    contract,
                    new KafkaServiceSession.Options(
                            own.bootstrapServers(), registry.uri().toString(), Duration.ofSeconds(10)))) {
                n = session.run(Scenario.SCHEMA_EVOLUTION);
            }
        }
        assertThat(n.status()).as(n.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(n.message())
                .contains(
                        "WeighingListener#onWeighed cannot read writer version 1 of 2",
                        "parcel-weighed.v1-without-depot.avsc",
                        "dead-lettered to 'parcels.weighed-dlt'",
                        "org.apache.avro.AvroTypeException",
                        "missing required field depot");
        assertThat(n.fix()).contains("compatible with every registered writer version");
    }
}
