package dev.eventcontracts.plugin.report;

import dev.eventcontracts.annotations.contract.ContractScenario;
import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The matrix columns: the scenarios of docs/contract-tests.md (AMQP) and docs/kafka.md (Kafka) of
 * the brokers the results ran on, in letter order (a Kafka-only letter is marked ᴷ when both
 * brokers are in one report), then any other scenario ids the results carry (sorted), so nothing a
 * test reported is hidden.
 */
record Columns(List<Column> columns) {

    /** One matrix column. */
    record Column(String letter, String id) {

        String header() {
            return letter.isEmpty() ? id : letter;
        }
    }

    static Columns of(List<ContractResult> contracts) {
        Map<String, Column> columns = new LinkedHashMap<>();
        boolean kafka = contracts.stream().anyMatch(ContractResult::kafka);
        boolean amqp = contracts.isEmpty() || contracts.stream().anyMatch(c -> !c.kafka());
        for (ContractScenario scenario : ContractScenario.values()) {
            boolean shown = amqp && scenario.runsOn(ContractScenario.Transport.AMQP)
                    || kafka && scenario.runsOn(ContractScenario.Transport.KAFKA);
            if (!shown) {
                continue;
            }
            // with both brokers in one report, a letter Kafka redelivers differently gets its own column
            boolean kafkaOnly = !scenario.runsOn(ContractScenario.Transport.AMQP);
            String letter = amqp && kafka && kafkaOnly && !scenario.letter().equals("o")
                    ? scenario.letter() + "ᴷ"
                    : scenario.letter();
            columns.put(scenario.id(), new Column(letter, scenario.id()));
        }
        TreeMap<String, Column> extra = new TreeMap<>();
        for (ContractResult contract : contracts) {
            for (ScenarioResult scenario : contract.scenarios()) {
                if (!columns.containsKey(scenario.id())) {
                    extra.put(
                            scenario.id(),
                            new Column(scenario.letter() == null ? "" : scenario.letter(), scenario.id()));
                }
            }
        }
        columns.putAll(extra);
        return new Columns(new ArrayList<>(columns.values()));
    }

    static Optional<ScenarioResult> cell(ContractResult contract, Column column) {
        return contract.scenarios().stream()
                .filter(s -> column.id().equals(s.id()))
                .findFirst();
    }
}
