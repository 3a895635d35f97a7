package dev.eventcontracts.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.spring.samples.avro.AvroApp;
import dev.eventcontracts.spring.samples.avro.AvroParcelListener;
import dev.eventcontracts.spring.samples.avrojson.AvroOverJsonApp;
import dev.eventcontracts.spring.samples.avrorepublish.AvroRepublishApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Avro {@code SpecificRecord} payloads in service mode: samples from the schema (plain mode's
 * generator), written by the service's own Avro converter; a converter that does not write Avro is
 * named with the fix.
 */
class AvroPayloadTest {

    private static ServiceSession start(Class<?> app) {
        ServiceContract contract = ServiceContract.builder(app, AvroParcelListener.class, "onWeighed")
                .queue("parcels.scanned")
                .build();
        return ServiceSession.start(contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)));
    }

    @Test
    void avroListener_withTheServicesAvroConverter_passesTheScenarios() {
        List<Scenario> scenarios = List.of(
                Scenario.DUPLICATE_DELIVERY,
                Scenario.LOST_ACK,
                Scenario.REPUBLISHED_NEW_MESSAGE_ID,
                Scenario.UNDECODABLE_BYTES,
                Scenario.WRONG_SCHEMA,
                Scenario.RETRIES_EXHAUSTED,
                Scenario.NO_HEAD_OF_LINE_BLOCKING,
                Scenario.CONSERVATION);
        try (ServiceSession session = start(AvroApp.class)) {
            for (Scenario s : scenarios) {
                ScenarioResult r = session.run(s);
                // lost-ack passes only when distinct samples reached the listener and it published once each
                assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED);
            }
        }
    }

    @Test
    void avroListener_thatAnnouncesEveryDelivery_failsDuplicateDelivery_comparingByBody() {
        ScenarioResult r;
        try (ServiceSession session = start(AvroRepublishApp.class)) {
            r = session.run(Scenario.DUPLICATE_DELIVERY);
        }

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message())
                .contains("AvroParcelListener#onWeighed is not idempotent")
                .contains("routing key 'parcel.weighed'");
    }

    @Test
    void avroListener_behindAJsonConverter_isAnErrorNamingTheConverterAndTheFix() {
        ScenarioResult r;
        try (ServiceSession session = start(AvroOverJsonApp.class)) {
            r = session.run(Scenario.LOST_ACK);
        }

        assertThat(r.status()).isEqualTo(ScenarioStatus.ERROR);
        assertThat(r.message())
                .contains("AvroParcelListener#onWeighed takes the Avro SpecificRecord")
                .contains("ParcelWeighed")
                .contains("JacksonJsonMessageConverter' does not encode it as Avro")
                .contains("a MessageConverter that writes and reads Avro");
    }
}
