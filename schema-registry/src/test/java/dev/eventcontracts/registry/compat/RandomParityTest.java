package dev.eventcontracts.registry.compat;

import static dev.eventcontracts.registry.compat.Schemas.avroSaysCompatible;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Verdict parity with Avro on many randomly evolved histories: for every level, our verdict equals
 * Avro's, and every reported incompatibility is rendered with a path and a fix.
 */
class RandomParityTest {

    private static final int HISTORIES = 150;

    @Test
    void randomHistories_everyLevel_verdictEqualsAvros() {
        CompatibilityChecker checker = new CompatibilityChecker();
        Map<IncompatibilityKind, Integer> seen = new EnumMap<>(IncompatibilityKind.class);
        int incompatible = 0;
        int checks = 0;
        for (long seed = 1; seed <= HISTORIES; seed++) {
            RandomEvolution evolution = new RandomEvolution(seed);
            ObjectNode json = evolution.record("OrderPlaced", 4, 2);
            List<Schema> previous = new ArrayList<>();
            for (int v = 0; v < 3; v++) {
                previous.add(RandomEvolution.parse(json));
                json = evolution.evolve(json);
            }
            Schema candidate = RandomEvolution.parse(json);
            for (CompatibilityLevel level : CompatibilityLevel.values()) {
                CompatibilityReport report = checker.check(level, previous, candidate);
                checks++;
                assertThat(report.compatible())
                        .as("seed %d, level %s:\n%s", seed, level, report.toText())
                        .isEqualTo(avroSaysCompatible(level, previous, candidate));
                if (!report.compatible()) {
                    incompatible++;
                    assertThat(report.toJson()).contains("\"compatible\" : false");
                    for (Incompatibility i : report.incompatibilities()) {
                        seen.merge(i.kind(), 1, Integer::sum);
                        assertThat(i.path()).as("seed %d", seed).startsWith(candidate.getName());
                        assertThat(i.jsonPointer()).startsWith("/");
                        assertThat(i.message()).doesNotContain("reader").doesNotContain("writer");
                    }
                }
            }
        }
        // the generator must exercise both verdicts and every Avro kind, or the parity proves little
        assertThat(incompatible).isBetween(checks / 10, checks * 9 / 10);
        assertThat(seen.keySet())
                .contains(
                        IncompatibilityKind.READER_FIELD_MISSING_DEFAULT_VALUE,
                        IncompatibilityKind.TYPE_MISMATCH,
                        IncompatibilityKind.MISSING_ENUM_SYMBOLS,
                        IncompatibilityKind.NAME_MISMATCH,
                        IncompatibilityKind.FIXED_SIZE_MISMATCH,
                        IncompatibilityKind.MISSING_UNION_BRANCH);
    }
}
