package dev.eventcontracts.junit.internal.effects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectDiffTest {

    private final Normalizer normalizer = new Normalizer(new ObjectMapper(), List.of("shipmentId", "lines.*.at"));

    private Effects.Message message(String json) {
        return new Effects.Message(
                "inventory", "stock.reserved", normalizer.body(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void extraMessageAndStateChange_areDescribedWithCountsAndStartingValue() {
        Effects expected = new Effects(List.of(message("{\"a\":1}")), List.of(), normalizer.state(Map.of("sku-7", 9)));
        Effects actual = new Effects(
                List.of(message("{\"a\":1}"), message("{\"a\":1}")), List.of(), normalizer.state(Map.of("sku-7", 8)));

        List<String> diff = EffectDiff.differences(expected, actual, normalizer.state(Map.of("sku-7", 10)));

        assertThat(EffectDiff.join(diff))
                .isEqualTo("published 2 messages on exchange 'inventory' with routing key 'stock.reserved' (expected 1)"
                        + " and state 'sku-7' went from 10 to 8 (expected 9)");
    }

    @Test
    void ignoredPaths_andKeyOrder_doNotCountAsDifferences() {
        Effects expected = new Effects(
                List.of(message("{\"shipmentId\":\"s-1\",\"order\":\"o-1\",\"lines\":[{\"at\":1,\"sku\":\"x\"}]}")),
                List.of(new Effects.HttpCall(
                        "POST", "/shipments", normalizer.body("{\"shipmentId\":\"a\"}".getBytes()))),
                normalizer.state(null));
        Effects actual = new Effects(
                List.of(message("{\"order\":\"o-1\",\"lines\":[{\"sku\":\"x\",\"at\":2}],\"shipmentId\":\"s-2\"}")),
                List.of(new Effects.HttpCall(
                        "POST", "/shipments", normalizer.body("{\"shipmentId\":\"b\"}".getBytes()))),
                normalizer.state(null));

        assertThat(EffectDiff.differences(expected, actual, normalizer.state(null)))
                .isEmpty();
    }

    @Test
    void differentHttpRequestCount_isDescribedByMethodAndPath() {
        Effects expected =
                new Effects(List.of(), List.of(new Effects.HttpCall("POST", "/charges", "")), normalizer.state(null));
        Effects actual = new Effects(
                List.of(),
                List.of(new Effects.HttpCall("POST", "/charges", ""), new Effects.HttpCall("POST", "/charges", "")),
                normalizer.state(null));

        assertThat(EffectDiff.differences(expected, actual, normalizer.state(null)))
                .containsExactly("sent 2 POST /charges requests to the HTTP stub (expected 1)");
    }
}
