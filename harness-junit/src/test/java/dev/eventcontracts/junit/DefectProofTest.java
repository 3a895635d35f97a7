package dev.eventcontracts.junit;

import static dev.eventcontracts.junit.ScenarioRunner.runOne;
import static dev.eventcontracts.junit.samples.SampleContracts.inventory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.samples.CarelessShippingConsumer;
import dev.eventcontracts.junit.samples.HeldOutConsumers.AsyncInventory;
import dev.eventcontracts.junit.samples.HeldOutConsumers.AsyncInventoryFixture;
import dev.eventcontracts.junit.samples.HeldOutConsumers.AsyncNoDedup;
import dev.eventcontracts.junit.samples.HeldOutConsumers.AsyncNoDedupFixture;
import dev.eventcontracts.junit.samples.HeldOutConsumers.Invisible;
import dev.eventcontracts.junit.samples.HeldOutConsumers.InvisibleFixture;
import dev.eventcontracts.junit.samples.HeldOutConsumers.OwnChannelPublisher;
import dev.eventcontracts.junit.samples.HeldOutConsumers.OwnChannelPublisherFixture;
import dev.eventcontracts.junit.samples.HeldOutConsumers.OwnChannelRepublisher;
import dev.eventcontracts.junit.samples.HeldOutConsumers.OwnChannelRepublisherFixture;
import dev.eventcontracts.junit.samples.HeldOutConsumers.RepublishingOnFailure;
import dev.eventcontracts.junit.samples.HeldOutConsumers.RepublishingOnFailureFixture;
import dev.eventcontracts.junit.samples.HeldOutConsumers.StateOnly;
import dev.eventcontracts.junit.samples.HeldOutConsumers.StateOnlyFixture;
import dev.eventcontracts.junit.samples.HeldOutConsumers.StateOnlySwallowing;
import dev.eventcontracts.junit.samples.HeldOutConsumers.StateOnlySwallowingFixture;
import dev.eventcontracts.junit.samples.HeldOutConsumers.StateOnlyWithoutFaultPointFixture;
import dev.eventcontracts.junit.samples.HeldOutConsumers.SwallowingValidation;
import dev.eventcontracts.junit.samples.HeldOutConsumers.SwallowingValidationFixture;
import dev.eventcontracts.junit.samples.InventoryConsumers.CheckThenActConsumer;
import dev.eventcontracts.junit.samples.InventoryConsumers.CheckThenActFixture;
import dev.eventcontracts.junit.samples.InventoryConsumers.EagerDeadLetterConsumer;
import dev.eventcontracts.junit.samples.InventoryConsumers.EagerDeadLetterFixture;
import dev.eventcontracts.junit.samples.InventoryConsumers.InventoryConsumer;
import dev.eventcontracts.junit.samples.InventoryConsumers.InventoryFixture;
import dev.eventcontracts.junit.samples.InventoryConsumers.InventoryFixtureWithoutPoison;
import dev.eventcontracts.junit.samples.InventoryConsumers.LossyAfterPoisonConsumer;
import dev.eventcontracts.junit.samples.InventoryConsumers.LossyAfterPoisonFixture;
import dev.eventcontracts.junit.samples.InventoryConsumers.MessageIdDedupConsumer;
import dev.eventcontracts.junit.samples.InventoryConsumers.MessageIdDedupFixture;
import dev.eventcontracts.junit.samples.InventoryConsumers.NoDedupConsumer;
import dev.eventcontracts.junit.samples.InventoryConsumers.NoDedupFixture;
import dev.eventcontracts.junit.samples.InventoryConsumers.PoisonLoopConsumer;
import dev.eventcontracts.junit.samples.InventoryConsumers.PoisonLoopFixture;
import dev.eventcontracts.junit.samples.InventoryConsumers.RawInventoryConsumer;
import dev.eventcontracts.junit.samples.InventoryConsumers.RawInventoryFixture;
import dev.eventcontracts.junit.samples.InventoryConsumers.SwallowingConsumer;
import dev.eventcontracts.junit.samples.InventoryConsumers.SwallowingFixture;
import dev.eventcontracts.junit.samples.ShippingConsumer;
import dev.eventcontracts.junit.samples.json.JsonConsumers;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof that the scenarios catch real bugs: each sample consumer has one classic defect and
 * must fail the right scenario with the right message; its corrected version must pass it. Runs
 * against every broker in {@link BrokerTarget}.
 */
class DefectProofTest {

    static Stream<BrokerTarget> brokers() {
        return BrokerTarget.all();
    }

    private static final ConsumerContract CORRECT = inventory(
                    InventoryConsumer.class, "onOrderPlaced", InventoryFixture.class)
            .build();
    private static final ConsumerContract CORRECT_RAW = inventory(
                    RawInventoryConsumer.class, "onMessage", RawInventoryFixture.class)
            .build();

    @ParameterizedTest
    @MethodSource("brokers")
    void noDeduplication_failsDuplicateDelivery_withCountsStateAndKey(BrokerTarget broker) {
        ScenarioResult result = runOne(
                broker.uri(),
                inventory(NoDedupConsumer.class, "onOrderPlaced", NoDedupFixture.class)
                        .build(),
                Scenario.DUPLICATE_DELIVERY);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith("NoDedupConsumer is not idempotent: delivering OrderPlaced{orderId=o-1} twice (immediate"
                        + " duplicate) published 2 messages on exchange 'inventory' with routing key 'stock.reserved'"
                        + " (expected 1) and state 'sku-1' went from 10 to ")
                .contains("(expected " + (10 - quantityOfSample1(broker)) + ")");
        assertThat(result.fix()).isEqualTo("Deduplicate on 'orderId' — see idempotencyKey.");
        assertThat(runOne(broker.uri(), CORRECT, Scenario.DUPLICATE_DELIVERY).status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void noDeduplication_failsLostAck_saysAckLostAfterProcessing(BrokerTarget broker) {
        ScenarioResult result = runOne(
                broker.uri(),
                inventory(NoDedupConsumer.class, "onOrderPlaced", NoDedupFixture.class)
                        .build(),
                Scenario.LOST_ACK);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .contains("delivering OrderPlaced{orderId=o-1} twice (ack lost after processing) published 2 messages");
        assertThat(runOne(broker.uri(), CORRECT, Scenario.LOST_ACK).status()).isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void dedupeByMessageIdOnly_failsRepublishedWithNewId_butPassesDuplicates(BrokerTarget broker) {
        ConsumerContract defect = inventory(MessageIdDedupConsumer.class, "onOrderPlaced", MessageIdDedupFixture.class)
                .build();
        var results = ScenarioRunner.run(
                broker.uri(), defect, Scenario.DUPLICATE_DELIVERY, Scenario.REPUBLISHED_NEW_MESSAGE_ID);

        assertThat(results.get(0).status()).as(results.get(0).describe()).isEqualTo(ScenarioStatus.PASSED);
        assertThat(results.get(1).status()).as(results.get(1).describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(results.get(1).message())
                .startsWith("MessageIdDedupConsumer is not idempotent: delivering OrderPlaced{orderId=o-1} twice with"
                        + " different message ids published 2 messages");
        assertThat(results.get(1).fix()).startsWith("Deduplicate on the business key 'orderId', not on the message id");
        assertThat(runOne(broker.uri(), CORRECT, Scenario.REPUBLISHED_NEW_MESSAGE_ID)
                        .status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void checkThenAct_failsConcurrentInstances(BrokerTarget broker) {
        ScenarioResult result = runOne(
                broker.uri(),
                inventory(CheckThenActConsumer.class, "onOrderPlaced", CheckThenActFixture.class)
                        .build(),
                Scenario.CONCURRENT_INSTANCES);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith("CheckThenActConsumer is not idempotent: delivering each of OrderPlaced{orderId=o-1},")
                .contains("to two instances at the same time published ");
        assertThat(result.fix()).contains("check-then-act");
        assertThat(runOne(broker.uri(), CORRECT, Scenario.CONCURRENT_INSTANCES).status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void swallowingPoison_failsUndecodableBytes_saysSwallowedSilently(BrokerTarget broker) {
        ScenarioResult result = runOne(
                broker.uri(),
                inventory(SwallowingConsumer.class, "onMessage", SwallowingFixture.class)
                        .build(),
                Scenario.UNDECODABLE_BYTES);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .isEqualTo("SwallowingConsumer swallows poison silently: undecodable bytes (32 x 0x80) was acked after"
                        + " the handler returned normally on attempt 1; it was neither processed nor dead-lettered.");
        assertThat(runOne(broker.uri(), CORRECT_RAW, Scenario.UNDECODABLE_BYTES).status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void requeueingPoisonForeverWithoutDlq_failsUndecodableBytes_saysLoops(BrokerTarget broker) {
        ConsumerContract defect = inventory(PoisonLoopConsumer.class, "onMessage", PoisonLoopFixture.class)
                .deadLetterQueue("")
                .maxAttempts(0)
                .build();
        ScenarioResult result = runOne(broker.uri(), defect, Scenario.UNDECODABLE_BYTES);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith("PoisonLoopConsumer requeues poison forever: undecodable bytes (32 x 0x80) was delivered")
                .endsWith("times and is still being requeued (maxAttempts = 0 requeues forever) and there is no"
                        + " dead-letter queue.");
        assertThat(result.fix()).contains("deadLetterQueue (e.g. \"inventory.order-placed.dlq\")");
        assertThat(runOne(broker.uri(), CORRECT_RAW, Scenario.UNDECODABLE_BYTES).status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void deadLetteringTransientFailures_failsTransientRecovers_namesTheMisclassifiedException(BrokerTarget broker) {
        ScenarioResult result = runOne(
                broker.uri(),
                inventory(EagerDeadLetterConsumer.class, "onOrderPlaced", EagerDeadLetterFixture.class)
                        .build(),
                Scenario.TRANSIENT_RECOVERS);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith(
                        "EagerDeadLetterConsumer dead-letters transient failures on attempt 1: OrderPlaced{orderId=o-1}"
                                + " failing transiently once (its publish failed with an injected connection reset) threw"
                                + " dev.eventcontracts.junit.samples.InvalidOrderException")
                .endsWith("and was dead-lettered instead of retried.");
        assertThat(result.fix()).startsWith("'InvalidOrderException' is declared nonRetryable");
        assertThat(runOne(broker.uri(), CORRECT, Scenario.TRANSIENT_RECOVERS).status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void losingMessagesBehindPoison_failsNoHeadOfLineBlocking(BrokerTarget broker) {
        ScenarioResult result = runOne(
                broker.uri(),
                inventory(LossyAfterPoisonConsumer.class, "onMessage", LossyAfterPoisonFixture.class)
                        .build(),
                Scenario.NO_HEAD_OF_LINE_BLOCKING);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith("LossyAfterPoisonConsumer loses messages behind a poison message: after the undecodable"
                        + " message between OrderPlaced{orderId=o-1}, OrderPlaced{orderId=o-2}, OrderPlaced{orderId=o-3},"
                        + " the consumer published 1 message on exchange 'inventory' with routing key 'stock.reserved'"
                        + " (expected 3)");
        assertThat(runOne(broker.uri(), CORRECT_RAW, Scenario.NO_HEAD_OF_LINE_BLOCKING)
                        .status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void requeueForeverWithoutDlq_blocksTheQueue_failsHeadOfLineAndConservation(BrokerTarget broker) {
        ConsumerContract defect = inventory(PoisonLoopConsumer.class, "onMessage", PoisonLoopFixture.class)
                .deadLetterQueue("")
                .maxAttempts(0)
                .build();
        var results =
                ScenarioRunner.run(broker.uri(), defect, Scenario.NO_HEAD_OF_LINE_BLOCKING, Scenario.RETRIES_EXHAUSTED);

        assertThat(results.get(0).status()).as(results.get(0).describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(results.get(0).message())
                .startsWith("PoisonLoopConsumer blocks behind a poison message: OrderPlaced{orderId=o-2},"
                        + " OrderPlaced{orderId=o-3} were not processed while the undecodable message ahead of them"
                        + " was delivered ");
        assertThat(results.get(1).status()).as(results.get(1).describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(results.get(1).message()).contains("requeues poison forever");
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void httpCallWithoutDeduplication_failsDuplicateDelivery_countingRequests_ignoringVolatileFields(
            BrokerTarget broker) {
        ConsumerContract contract = ConsumerContract.builder(ShippingConsumer.class, "onOrderPlaced")
                .queue("shipping.order-placed")
                .deadLetterQueue("shipping.order-placed.dlq")
                .idempotencyKey("orderId")
                .ignoreEffectPaths("requestedAt")
                .fixture(ShippingConsumer.Fixture.class)
                .build();

        var results =
                ScenarioRunner.run(broker.uri(), contract, Scenario.DUPLICATE_DELIVERY, Scenario.TRANSIENT_RECOVERS);

        assertThat(results.get(0).status()).as(results.get(0).describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(results.get(0).message())
                .isEqualTo("ShippingConsumer is not idempotent: delivering OrderPlaced{orderId=o-1} twice (immediate"
                        + " duplicate) sent 2 POST /shipments requests to the HTTP stub (expected 1).");
        assertThat(results.get(1).status()).as(results.get(1).describe()).isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void ignoringHttpErrors_failsTransientRecovers_saysSwallowed_whileCheckingConsumerRetriesAndPasses(
            BrokerTarget broker) {
        ConsumerContract careless = ConsumerContract.builder(CarelessShippingConsumer.class, "onOrderPlaced")
                .queue("shipping.order-placed")
                .deadLetterQueue("shipping.order-placed.dlq")
                .idempotencyKey("orderId")
                .fixture(CarelessShippingConsumer.Fixture.class)
                .build();
        ConsumerContract checking = ConsumerContract.builder(ShippingConsumer.class, "onOrderPlaced")
                .queue("shipping.order-placed")
                .deadLetterQueue("shipping.order-placed.dlq")
                .ignoreEffectPaths("requestedAt")
                .fixture(ShippingConsumer.Fixture.class)
                .build();

        ScenarioResult result = runOne(broker.uri(), careless, Scenario.TRANSIENT_RECOVERS);
        var retried =
                ScenarioRunner.run(broker.uri(), checking, Scenario.TRANSIENT_RECOVERS, Scenario.RETRIES_EXHAUSTED);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .isEqualTo("CarelessShippingConsumer swallows transient failures: OrderPlaced{orderId=o-1} failing"
                        + " transiently once (its HTTP call got an injected 503 Service Unavailable) was acked anyway"
                        + " and sent 0 POST /shipments requests to the HTTP stub (expected 1).");
        assertThat(retried)
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED));
    }

    // ---- checks added so no scenario passes vacuously (docs/contract-tests.md §6) -------------

    @ParameterizedTest
    @MethodSource("brokers")
    void ownChannelRepublisher_failsDuplicateDelivery_onTheHarnessJournal_andSaysWhatRabbitMqShows(
            BrokerTarget broker) {
        var defect = ScenarioRunner.session(
                broker.uri(),
                inventory(OwnChannelRepublisher.class, "onOrderPlaced", OwnChannelRepublisherFixture.class)
                        .build(),
                Scenario.DUPLICATE_DELIVERY,
                Scenario.LOST_ACK);
        var correct = ScenarioRunner.session(
                broker.uri(),
                inventory(OwnChannelPublisher.class, "onOrderPlaced", OwnChannelPublisherFixture.class)
                        .build(),
                Scenario.DUPLICATE_DELIVERY,
                Scenario.LOST_ACK);

        assertThat(correct.results())
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED));
        if (broker == BrokerTarget.HARNESS) {
            assertThat(defect.effectsObservedAt()).isEqualTo("broker-journal");
            assertThat(defect.results())
                    .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED));
            assertThat(defect.results().get(0).message())
                    .isEqualTo("OwnChannelRepublisher is not idempotent: delivering OrderPlaced{orderId=o-1} twice"
                            + " (immediate duplicate) published 2 messages on exchange '' with routing key"
                            + " 'stock.reserved' (expected 1).");
        } else {
            // RabbitMQ keeps no publish journal: only ctx.publisher() is seen, and the results say so
            assertThat(defect.effectsObservedAt()).isEqualTo("ctx.publisher()");
        }
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void asyncHandlerWithoutDeduplication_failsDuplicateDelivery_afterItsFutureCompletes(BrokerTarget broker) {
        ScenarioResult result = runOne(
                broker.uri(),
                inventory(AsyncNoDedup.class, "onOrderPlaced", AsyncNoDedupFixture.class)
                        .build(),
                Scenario.DUPLICATE_DELIVERY);
        var correct = ScenarioRunner.run(
                broker.uri(),
                inventory(AsyncInventory.class, "onOrderPlaced", AsyncInventoryFixture.class)
                        .build(),
                Scenario.DUPLICATE_DELIVERY,
                Scenario.LOST_ACK,
                Scenario.NON_RETRYABLE,
                Scenario.TRANSIENT_RECOVERS,
                Scenario.CONSERVATION);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith("AsyncNoDedup is not idempotent: delivering OrderPlaced{orderId=o-1} twice (immediate"
                        + " duplicate) published 2 messages on exchange 'inventory' with routing key 'stock.reserved'"
                        + " (expected 1)");
        assertThat(correct)
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED));
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void consumerWithNothingObservable_isNotJudged_skippedWithEffectsUnobservableWarning(BrokerTarget broker) {
        var outcome = ScenarioRunner.session(
                broker.uri(),
                inventory(Invisible.class, "onOrderPlaced", InvisibleFixture.class)
                        .build(),
                Scenario.DUPLICATE_DELIVERY,
                Scenario.BATCH_REPLAY);

        assertThat(outcome.results())
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.SKIPPED));
        assertThat(outcome.results().get(0).message())
                .startsWith("Invisible shows no observable effect: processing OrderPlaced{orderId=o-1} once gave");
        assertThat(outcome.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("effects-unobservable");
            assertThat(f.severity()).isEqualTo("WARNING");
        });
        assertThat(runOne(broker.uri(), CORRECT, Scenario.DUPLICATE_DELIVERY).status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void swallowingItsOwnValidationFailure_failsNonRetryable_throughThePoisonSample(BrokerTarget broker) {
        ScenarioResult result = runOne(
                broker.uri(),
                inventory(SwallowingValidation.class, "onOrderPlaced", SwallowingValidationFixture.class)
                        .build(),
                Scenario.NON_RETRYABLE);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .isEqualTo("SwallowingValidation swallows poison silently: poison sample 1 of"
                        + " SwallowingValidationFixture (OrderPlaced{orderId=o-99}) was acked after the handler"
                        + " returned normally on attempt 1; it was neither processed nor dead-lettered.");
        assertThat(runOne(broker.uri(), CORRECT, Scenario.NON_RETRYABLE).status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void withoutPoisonSamplesOrAFaultPath_nonRetryableAndRetriesAreSkippedWithTheReason_neverPassed(
            BrokerTarget broker) {
        ConsumerContract noPoison = inventory(
                        InventoryConsumer.class, "onOrderPlaced", InventoryFixtureWithoutPoison.class)
                .build();
        ConsumerContract noFaultPath = inventory(
                        StateOnly.class, "onOrderPlaced", StateOnlyWithoutFaultPointFixture.class)
                .build();

        ScenarioResult nonRetryable = runOne(broker.uri(), noPoison, Scenario.NON_RETRYABLE);
        var retries =
                ScenarioRunner.run(broker.uri(), noFaultPath, Scenario.RETRIES_EXHAUSTED, Scenario.TRANSIENT_RECOVERS);

        assertThat(nonRetryable.status()).as(nonRetryable.describe()).isEqualTo(ScenarioStatus.SKIPPED);
        assertThat(nonRetryable.message())
                .contains("supplies no poison samples, so no message reaches the consumer's own validation");
        assertThat(retries).allSatisfy(r -> {
            assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.SKIPPED);
            assertThat(r.message()).startsWith("StateOnly gives no path to fail its own I/O");
        });
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void stateOnlyConsumerSwallowingItsStoreFailure_failsTransientRecovers_throughTheFaultPoint(BrokerTarget broker) {
        ScenarioResult result = runOne(
                broker.uri(),
                inventory(StateOnlySwallowing.class, "onOrderPlaced", StateOnlySwallowingFixture.class)
                        .build(),
                Scenario.TRANSIENT_RECOVERS);
        var correct = ScenarioRunner.run(
                broker.uri(),
                inventory(StateOnly.class, "onOrderPlaced", StateOnlyFixture.class)
                        .build(),
                Scenario.TRANSIENT_RECOVERS,
                Scenario.RETRIES_EXHAUSTED);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith("StateOnlySwallowing swallows transient failures: OrderPlaced{orderId=o-1} failing"
                        + " transiently once (its fault point failed with an injected connection reset) was acked"
                        + " anyway and state");
        assertThat(correct)
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED));
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void republishingAFailedMessageAndThrowing_failsConservation_countingTwoDeadLetterCopies(BrokerTarget broker) {
        ScenarioResult result = runOne(
                broker.uri(),
                inventory(RepublishingOnFailure.class, "onOrderPlaced", RepublishingOnFailureFixture.class)
                        .build(),
                Scenario.CONSERVATION);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith("RepublishingOnFailure does not conserve messages:")
                .contains("1 duplicated (poison sample 1 of RepublishingOnFailureFixture"
                        + " (OrderPlaced{orderId=o-99}) dead-lettered 2 times)");
        assertThat(runOne(broker.uri(), CORRECT, Scenario.CONSERVATION).status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    private static int quantityOfSample1(BrokerTarget broker) {
        return new dev.eventcontracts.junit.internal.avro.SampleGenerator(42)
                                .sample(
                                        dev.eventcontracts.junit.samples.avro.OrderPlaced.getClassSchema(),
                                        1,
                                        "orderId")
                                .get("quantity")
                        instanceof Integer q
                ? q
                : -1;
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void jsonRecordConsumerWithoutDeduplication_failsDuplicateDelivery_namingTheJsonEvent(BrokerTarget broker) {
        ConsumerContract defect = JsonConsumers.contract(
                        JsonConsumers.JsonNoDedupConsumer.class, "onRequested", JsonConsumers.JsonNoDedupFixture.class)
                .build();
        ConsumerContract correct = JsonConsumers.contract(
                        JsonConsumers.JsonInventoryConsumer.class,
                        "onRequested",
                        JsonConsumers.JsonInventoryFixture.class)
                .build();

        ScenarioResult result = runOne(broker.uri(), defect, Scenario.DUPLICATE_DELIVERY);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith("JsonNoDedupConsumer is not idempotent: delivering StockReservationRequested{orderId=o-1}"
                        + " twice (immediate duplicate) published 2 messages on exchange 'inventory' with routing key"
                        + " 'stock.reserved' (expected 1)");
        assertThat(runOne(broker.uri(), correct, Scenario.DUPLICATE_DELIVERY).status())
                .isEqualTo(ScenarioStatus.PASSED);
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void jsonConsumerSwallowingItsValidation_failsNonRetryable_throughTheJsonPoisonSample(BrokerTarget broker) {
        ConsumerContract defect = JsonConsumers.contract(
                        JsonConsumers.JsonSwallowingConsumer.class,
                        "onRequested",
                        JsonConsumers.JsonSwallowingFixture.class)
                .build();

        ScenarioResult result = runOne(broker.uri(), defect, Scenario.NON_RETRYABLE);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith("JsonSwallowingConsumer swallows poison silently: poison sample 1 of JsonSwallowingFixture"
                        + " (StockReservationRequested{orderId=o-99}) was acked");
    }
}
