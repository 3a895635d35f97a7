package dev.eventcontracts.plugin.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.plugin.discovery.ConsumerDiscovery;
import dev.eventcontracts.plugin.discovery.ConsumerModel;
import dev.eventcontracts.plugin.discovery.ShopTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractTestGeneratorTest {

    private static List<ConsumerModel> consumers;

    @TempDir
    Path out;

    @BeforeAll
    static void discover() {
        consumers = new ConsumerDiscovery().discover(ShopTree.request()).consumers();
    }

    private static ContractTestGenerator generator() {
        return new ContractTestGenerator(ShopTree.root());
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = ContractTestGeneratorTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file /golden/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void eventConsumerWithFixture_matchesGoldenFile() throws IOException {
        generator().generate(consumers, out);

        assertThat(out.resolve("com/example/inventory/InventoryConsumerContractIT.java"))
                .content(StandardCharsets.UTF_8)
                .isEqualTo(golden("InventoryConsumerContractIT.java"));
    }

    @Test
    void avscPayloadWithOlderWriterVersion_matchesGoldenFile() throws IOException {
        generator().generate(consumers, out);

        assertThat(out.resolve("com/example/analytics/AnalyticsListenerContractIT.java"))
                .content(StandardCharsets.UTF_8)
                .isEqualTo(golden("AnalyticsListenerContractIT.java"));
    }

    @Test
    void oneTestPerConsumer_andTwoHandlersOfOneClass_getTheHandlerInTheName() {
        GenerationResult result = generator().generate(consumers, out);

        assertThat(result.generated())
                .extracting(p -> out.relativize(p).toString().replace('\\', '/'))
                .containsExactly(
                        "com/example/analytics/AnalyticsListenerContractIT.java",
                        "com/example/inventory/InventoryConsumerContractIT.java",
                        "com/example/misc/MiscListenersOnPriceContractIT.java",
                        "com/example/misc/MiscListenersOnRefundContractIT.java",
                        "com/example/returns/ReturnsListenerContractIT.java",
                        "com/example/shipping/ShippingListenerContractIT.java");
        assertThat(result.written()).hasSize(6);
    }

    @Test
    void regenerating_isByteIdentical_andRewritesNothing() throws IOException {
        generator().generate(consumers, out);
        byte[] first = Files.readAllBytes(out.resolve("com/example/shipping/ShippingListenerContractIT.java"));

        GenerationResult again = generator().generate(consumers, out);

        assertThat(again.written()).isEmpty();
        assertThat(Files.readAllBytes(out.resolve("com/example/shipping/ShippingListenerContractIT.java")))
                .isEqualTo(first);
    }

    @Test
    void regenerating_removesTestsOfConsumersThatNoLongerExist_butNotHandWrittenFiles() throws IOException {
        generator().generate(consumers, out);
        Path handWritten = out.resolve("com/example/shipping/HandWrittenContractIT.java");
        Files.writeString(handWritten, "class HandWrittenContractIT {}");

        GenerationResult result = generator()
                .generate(
                        consumers.stream()
                                .filter(c -> !c.consumerClass().contains("Shipping"))
                                .toList(),
                        out);

        assertThat(result.deleted())
                .containsExactly(out.resolve("com/example/shipping/ShippingListenerContractIT.java"));
        assertThat(handWritten).exists();
    }
}
