package dev.eventcontracts.plugin.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsumerDiscoveryTest {

    private static DiscoveryResult result;

    @BeforeAll
    static void discover() {
        result = new ConsumerDiscovery().discover(ShopTree.request());
    }

    private static ConsumerModel consumer(String id) {
        return result.consumers().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + " not found in " + result.consumers()));
    }

    private static Optional<Finding> finding(String code, String fileName) {
        return result.findings().stream()
                .filter(f -> f.code().equals(code)
                        && f.file() != null
                        && f.file().getFileName().toString().equals(fileName))
                .findFirst();
    }

    @Test
    void findsEveryListenerAnnotation_butNotLookalikesOrUnannotatedMethods() {
        assertThat(result.consumers())
                .extracting(ConsumerModel::id)
                .containsExactly(
                        "com.example.analytics.AnalyticsListener#onPageViewed",
                        "com.example.inventory.InventoryConsumer#onOrderPlaced",
                        "com.example.misc.MiscListeners#onPrice",
                        "com.example.misc.MiscListeners#onRefund",
                        "com.example.returns.ReturnsListener#onReturn",
                        "com.example.shipping.ShippingListener#ship");
        assertThat(result.consumers())
                .extracting(ConsumerModel::annotation)
                .containsExactly(
                        "KafkaListener",
                        "EventConsumer",
                        "Incoming",
                        "SqsListener",
                        "RabbitListener",
                        "RabbitListener");
    }

    @Test
    void eventConsumer_readsEveryElement_evaluatingConstantsAndConcatenation() {
        ConsumerModel inventory = consumer("com.example.inventory.InventoryConsumer#onOrderPlaced");

        assertThat(inventory.queue()).isEqualTo("inventory.order-placed");
        assertThat(inventory.deadLetterQueue()).isEqualTo("inventory.order-placed.dlq");
        assertThat(inventory.exchange()).isEqualTo("orders");
        assertThat(inventory.routingKey()).isEqualTo("order.placed");
        assertThat(inventory.maxAttempts()).isEqualTo(5);
        assertThat(inventory.nonRetryable()).containsExactly("com.example.inventory.InvalidOrderException");
        assertThat(inventory.idempotencyKey()).isEqualTo("orderId");
        assertThat(inventory.ignoreEffectPaths()).containsExactly("reservedAt");
        assertThat(inventory.payloadType()).isEqualTo("com.example.events.OrderPlaced");
        assertThat(inventory.schema().specificRecord()).isTrue();
        assertThat(inventory.fixtureClass()).isEqualTo("com.example.inventory.InventoryFixture");
        assertThat(inventory.packageName()).isEqualTo("com.example.inventory");
        assertThat(inventory.line()).isEqualTo(10);
    }

    @Test
    void kafkaListener_resolvesConstantFromAnotherFile_andAvscSchemaWithOlderVersions() {
        ConsumerModel analytics = consumer("com.example.analytics.AnalyticsListener#onPageViewed");

        assertThat(analytics.queue()).isEqualTo("analytics.page-views");
        assertThat(analytics.schema().specificRecord()).isFalse();
        assertThat(analytics.schema().avscFile().getFileName()).hasToString("page-viewed.avsc");
        assertThat(analytics.previousWriterSchemas())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("page-viewed.v1.avsc");
    }

    @Test
    void rabbitListenerWithQueueBinding_readsQueueExchangeAndKey() {
        ConsumerModel returns = consumer("com.example.returns.ReturnsListener#onReturn");

        assertThat(returns.queue()).isEqualTo("returns.order-placed");
        assertThat(returns.exchange()).isEqualTo("orders");
        assertThat(returns.routingKey()).isEqualTo("order.*");
    }

    @Test
    void unresolvablePlaceholder_isReportedWithLine_andUsedLiterally() {
        assertThat(consumer("com.example.shipping.ShippingListener#ship").queue())
                .isEqualTo("${shipping.queue}");
        Finding placeholder =
                finding("unresolved-placeholder", "ShippingListener.java").orElseThrow();
        assertThat(placeholder.severity()).isEqualTo(Severity.WARNING);
        assertThat(placeholder.line()).isEqualTo(8);
        assertThat(placeholder.message()).contains("'${shipping.queue}'", "placeholder");
    }

    @Test
    void consumerWithoutDlq_isAFinding_naming_theQueueToDeclare() {
        Finding noDlq = finding("no-dead-letter-queue", "ShippingListener.java").orElseThrow();
        assertThat(noDlq.message()).contains("ShippingListener#ship has no dead-letter queue");
        assertThat(finding("no-dead-letter-queue", "InventoryConsumer.java")).isEmpty();
    }

    @Test
    void stringPayloadWithoutFixtureSamples_isAFinding_andNoConsumerModel() {
        Finding missing = finding("samples-missing", "MiscListeners.java").orElseThrow();
        assertThat(missing.line()).isEqualTo(10);
        assertThat(missing.message()).contains("MiscListeners#bill takes its payload as String", "samples()");
    }

    @Test
    void missingAndDuplicateFixtures_areFindings() {
        assertThat(finding("fixture-missing", "ShippingListener.java")
                        .orElseThrow()
                        .message())
                .contains("ShippingListener#ship has no ConsumerFixture<ShippingListener>");
        Finding duplicate =
                finding("duplicate-fixture", "OtherAnalyticsFixture.java").orElseThrow();
        assertThat(duplicate.message())
                .contains("'com.example.analytics.AnalyticsFixture' and 'com.example.analytics.OtherAnalyticsFixture'");
        assertThat(consumer("com.example.analytics.AnalyticsListener#onPageViewed")
                        .fixtureClass())
                .isEqualTo("com.example.analytics.AnalyticsFixture");
    }

    @Test
    void unparsableSource_isAnErrorWithFileAndLine_notACrash() {
        Finding broken = finding("unparsable-source", "Broken.java").orElseThrow();
        assertThat(broken.severity()).isEqualTo(Severity.ERROR);
        assertThat(broken.line()).isEqualTo(7);
        assertThat(result.hasErrors()).isTrue();
    }

    @Test
    void discovery_isDeterministic_acrossInstances() {
        DiscoveryResult again = new ConsumerDiscovery().discover(ShopTree.request());
        assertThat(again).isEqualTo(result);
    }

    @Test
    void missingRoots_giveAnEmptyResult() {
        DiscoveryResult empty = new ConsumerDiscovery()
                .discover(new DiscoveryRequest(List.of(Path.of("does-not-exist")), List.of(), List.of(), List.of()));
        assertThat(empty.consumers()).isEmpty();
        assertThat(empty.findings()).isEmpty();
    }
}
