package dev.eventcontracts.plugin.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.plugin.problems.InvalidParameterException;
import org.junit.jupiter.api.Test;

class LevelSpecTest {

    @Test
    void historyLevelPlusConsumers_checksBoth() {
        assertThat(LevelSpec.parse("BACKWARD+CONSUMERS")).isEqualTo(new LevelSpec("BACKWARD", true));
        assertThat(LevelSpec.parse("full_transitive, consumers")).isEqualTo(new LevelSpec("full_transitive", true));
    }

    @Test
    void consumersAlone_hasNoHistoryLevel_andBlankIsTheDefault() {
        assertThat(LevelSpec.parse("CONSUMERS")).isEqualTo(new LevelSpec("NONE", true));
        assertThat(LevelSpec.parse("CONSUMERS").display()).isEqualTo("CONSUMERS");
        assertThat(LevelSpec.parse(" ")).isEqualTo(new LevelSpec("BACKWARD", false));
    }

    @Test
    void twoHistoryLevels_areRefusedNamingTheValueAndTheFix() {
        assertThatThrownBy(() -> LevelSpec.parse("BACKWARD+FULL"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("BACKWARD+FULL")
                .hasMessageContaining("BACKWARD+CONSUMERS");
    }
}
