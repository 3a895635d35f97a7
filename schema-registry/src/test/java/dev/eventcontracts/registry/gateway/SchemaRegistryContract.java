package dev.eventcontracts.registry.gateway;

import static dev.eventcontracts.registry.testing.Avsc.ORDER_BREAKING;
import static dev.eventcontracts.registry.testing.Avsc.ORDER_V1;
import static dev.eventcontracts.registry.testing.Avsc.ORDER_V2;
import static dev.eventcontracts.registry.testing.Avsc.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.CompatibilityReport;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SchemaRegistry} does, whichever registry is behind it. */
abstract class SchemaRegistryContract {

    protected SchemaRegistry registry;

    protected abstract SchemaRegistry open() throws Exception;

    protected void cleanUp() throws Exception {}

    @BeforeEach
    void openRegistry() throws Exception {
        registry = open();
    }

    @AfterEach
    void closeRegistry() throws Exception {
        registry.close();
        cleanUp();
    }

    @Test
    void history_ofUnknownSubject_isEmpty() {
        assertThat(registry.history("nobody")).isEmpty();
    }

    @Test
    void test_ofUnknownSubject_isACompatibleFirstVersion() {
        CompatibilityReport report = registry.test("nobody", parse(ORDER_BREAKING), CompatibilityLevel.FULL_TRANSITIVE);

        assertThat(report.compatible()).isTrue();
    }

    @Test
    void register_newSubject_returnsVersion1WithIdsAndFingerprint() {
        RegisteredSchema registered = registry.register("orders-value", parse(ORDER_V1));

        assertThat(registered.subject()).isEqualTo("orders-value");
        assertThat(registered.version()).isEqualTo(1);
        assertThat(registered.globalId()).isPositive();
        assertThat(registered.contentId()).isPositive();
        assertThat(registered.schema()).isEqualTo(parse(ORDER_V1));
        assertThat(registered.fingerprint()).hasSize(64);
    }

    @Test
    void register_sameCanonicalForm_returnsTheLatestWithoutANewVersion() {
        RegisteredSchema first = registry.register("orders-value", parse(ORDER_V1));
        Schema reformatted = parse(parse(ORDER_V1).toString(true));

        RegisteredSchema again = registry.register("orders-value", reformatted);

        assertThat(again.globalId()).isEqualTo(first.globalId());
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(registry.history("orders-value")).hasSize(1);
    }

    @Test
    void register_compatibleChanges_buildAHistoryOldestFirst() {
        registry.register("orders-value", parse(ORDER_V1));
        registry.setRule("orders-value", CompatibilityLevel.BACKWARD);
        RegisteredSchema v2 = registry.register("orders-value", parse(ORDER_V2));

        List<RegisteredSchema> history = registry.history("orders-value");

        assertThat(v2.version()).isEqualTo(2);
        assertThat(history).extracting(RegisteredSchema::version).containsExactly(1, 2);
        assertThat(history).extracting(RegisteredSchema::schema).containsExactly(parse(ORDER_V1), parse(ORDER_V2));
        assertThat(history.get(1).globalId()).isEqualTo(v2.globalId());
    }

    @Test
    void register_incompatibleUnderTheSubjectsRule_throwsWithTheReport() {
        registry.register("orders-value", parse(ORDER_V1));
        registry.setRule("orders-value", CompatibilityLevel.BACKWARD);

        assertThatThrownBy(() -> registry.register("orders-value", parse(ORDER_BREAKING)))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.subject()).isEqualTo("orders-value");
                    assertThat(e.report().compatible()).isFalse();
                    assertThat(e.report().incompatibilities().get(0).path()).contains("customerEmail");
                })
                .hasMessageContaining("customerEmail");
        assertThat(registry.history("orders-value")).hasSize(1);
    }

    @Test
    void setRule_again_replacesTheLevel() {
        registry.register("orders-value", parse(ORDER_V1));
        registry.setRule("orders-value", CompatibilityLevel.BACKWARD);
        registry.setRule("orders-value", CompatibilityLevel.NONE);

        assertThat(registry.register("orders-value", parse(ORDER_BREAKING)).version())
                .isEqualTo(2);
    }

    @Test
    void setRule_ofUnknownSubject_asksToRegisterFirst() {
        assertThatThrownBy(() -> registry.setRule("nobody", CompatibilityLevel.BACKWARD))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("nobody")
                .hasMessageContaining("Register its first version");
    }

    @Test
    void test_breakingCandidate_reportsEveryIncompatibilityAtTheGivenLevel() {
        registry.register("orders-value", parse(ORDER_V1));

        CompatibilityReport backward =
                registry.test("orders-value", parse(ORDER_BREAKING), CompatibilityLevel.BACKWARD);
        CompatibilityReport forward = registry.test("orders-value", parse(ORDER_BREAKING), CompatibilityLevel.FORWARD);

        assertThat(backward.compatible()).isFalse();
        assertThat(backward.incompatibilities()).extracting(i -> i.version()).containsOnly(1);
        assertThat(forward.compatible()).isTrue();
    }
}
