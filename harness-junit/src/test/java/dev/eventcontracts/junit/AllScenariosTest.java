package dev.eventcontracts.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.samples.SampleContracts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AllScenariosTest {

    static Stream<BrokerTarget> brokers() {
        return BrokerTarget.all();
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void correctConsumer_passesEveryScenarioAToN(BrokerTarget broker) {
        List<ScenarioResult> results = ScenarioRunner.run(
                broker.uri(),
                SampleContracts.correct(),
                Scenario.on(dev.eventcontracts.annotations.contract.ContractScenario.Transport.AMQP)
                        .toArray(Scenario[]::new));

        assertThat(results)
                .extracting(ScenarioResult::scenario)
                .containsExactly(Scenario.on(dev.eventcontracts.annotations.contract.ContractScenario.Transport.AMQP)
                        .toArray(Scenario[]::new));
        assertThat(results)
                .allSatisfy(r -> assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.PASSED));
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void incompatibleOlderWriter_failsSchemaEvolution_namingTheWriterVersion(BrokerTarget broker) {
        var oldWriter = org.apache.avro.SchemaBuilder.record("OrderPlaced")
                .namespace("dev.eventcontracts.junit.samples.avro")
                .fields()
                .requiredString("orderId")
                .endRecord();
        ConsumerContract contract = SampleContracts.inventory(
                        dev.eventcontracts.junit.samples.InventoryConsumers.InventoryConsumer.class,
                        "onOrderPlaced",
                        dev.eventcontracts.junit.samples.InventoryConsumers.InventoryFixture.class)
                .previousWriterSchema(oldWriter)
                .build();

        ScenarioResult result = ScenarioRunner.runOne(broker.uri(), contract, Scenario.SCHEMA_EVOLUTION);

        assertThat(result.status()).as(result.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(result.message())
                .startsWith(
                        "InventoryConsumer cannot read OrderPlaced{orderId=o-10} written with writer version 1 of 2:")
                .contains("missing required field");
    }
}
