package dev.eventcontracts.registry.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    @Test
    void parse_acceptsAnyCaseAndDashes() {
        assertThat(CompatibilityLevel.parse("backward-transitive")).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(CompatibilityLevel.parse(" FULL ")).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void parse_unknownLevel_namesValueAndAlternatives() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
                .withMessageContaining("'SIDEWAYS'")
                .withMessageContaining("BACKWARD_TRANSITIVE");
    }

    @Test
    void full_checksBothDirections_transitiveOnlyForTransitiveLevels() {
        assertThat(CompatibilityLevel.FULL.newReadsOld()).isTrue();
        assertThat(CompatibilityLevel.FULL.oldReadsNew()).isTrue();
        assertThat(CompatibilityLevel.FULL.transitive()).isFalse();
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.newReadsOld()).isFalse();
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.transitive()).isTrue();
        assertThat(CompatibilityLevel.NONE.newReadsOld() || CompatibilityLevel.NONE.oldReadsNew())
                .isFalse();
    }
}
