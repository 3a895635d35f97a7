package dev.eventcontracts.broker.core.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private static Policy policy(String name, int priority, ApplyTo applyTo, Map<String, Object> definition) {
        return new Policy(name, "^orders", applyTo, priority, definition);
    }

    @Test
    void definition_integersBecomeLongs_andKeysAreSorted() {
        Policy p = policy("p", 0, ApplyTo.ALL, Map.of("max-length", 5, "dead-letter-exchange", "dlx"));
        assertThat(p.definition())
                .containsExactly(Map.entry("dead-letter-exchange", "dlx"), Map.entry("max-length", 5L));
    }

    @Test
    void invalidValues_areRefusedWithRabbitMqsText_theKeyAndTheFix() {
        Map<Map<String, Object>, String> cases = Map.of(
                Map.of("max-length-bytes", 1.5),
                        "1.5 is not a valid maximum length in bytes (definition key 'max-length-bytes'); use a non-negative integer",
                Map.of("overflow", "bad"),
                        "<<\"bad\">> is not a valid overflow value (definition key 'overflow'); use one of [drop-head, reject-publish, reject-publish-dlx]",
                Map.of("dead-letter-exchange", 1), "1 is not a valid dead letter exchange name",
                Map.of("message-ttl", -1), "-1 is not a valid message TTL",
                Map.of("queue-mode", "x"), "<<\"x\">> is not a valid queue-mode value",
                Map.of("alternate-exchange", 1), "1 is not a valid alternate exchange name",
                Map.of("delivery-limit", "x"), "<<\"x\">> is not a valid delivery limit",
                Map.of("ha-mode", "exactly"), "ha-mode=\"exactly\" takes an integer, none given",
                Map.of("federation-upstream", "x"),
                        "[{<<\"federation-upstream\">>,<<\"x\">>}] are not recognised policy settings");
        cases.forEach((definition, text) -> assertThatThrownBy(() -> policy("p", 0, ApplyTo.ALL, definition))
                .as(definition.toString())
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(text));
        assertThatThrownBy(() -> policy("p", 0, ApplyTo.ALL, Map.of())).hasMessageStartingWith("no policy provided");
        assertThatThrownBy(() -> new Policy("p", "(", ApplyTo.ALL, 0, Map.of("max-length", 1)))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("pattern should be regular expression but is invalid");
        assertThatThrownBy(() -> ApplyTo.fromWireName("everything"))
                .hasMessage("apply-to 'everything' unrecognised; should be 'queues', 'exchanges' or 'all'");
    }

    @Test
    void mirroringAndLocatorKeys_areAccepted() {
        assertThat(policy(
                                "p",
                                0,
                                ApplyTo.ALL,
                                Map.of(
                                        "ha-mode",
                                        "all",
                                        "ha-sync-mode",
                                        "automatic",
                                        "queue-master-locator",
                                        "min-masters"))
                        .definition())
                .hasSize(3);
    }

    @Test
    void ofTheMatchingPolicies_theHighestPriorityApplies_equalPrioritiesByName() {
        Policies all = new Policies();
        all.put(policy("b-low", 0, ApplyTo.QUEUES, Map.of("max-length", 1)));
        all.put(policy("z-high", 5, ApplyTo.QUEUES, Map.of("max-length", 2)));
        all.put(policy("a-high", 5, ApplyTo.QUEUES, Map.of("max-length", 3)));
        all.put(policy("exchanges", 9, ApplyTo.EXCHANGES, Map.of("alternate-exchange", "ae")));
        assertThat(all.forQueue("orders.in")).map(Policy::name).hasValue("a-high");
        assertThat(all.forQueue("billing")).isEmpty();
        assertThat(all.forExchange("orders")).map(Policy::name).hasValue("exchanges");
        all.remove("a-high");
        assertThat(all.forQueue("orders.in")).map(Policy::name).hasValue("z-high");
        assertThat(all.all()).extracting(Policy::name).containsExactly("b-low", "exchanges", "z-high");
        assertThat(List.of(ApplyTo.values()))
                .extracting(ApplyTo::wireName)
                .containsExactly("queues", "exchanges", "all");
    }
}
