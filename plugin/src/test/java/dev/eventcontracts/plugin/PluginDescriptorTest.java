package dev.eventcontracts.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The descriptor Maven reads to find our goals: built by maven-plugin-plugin at process-classes. */
class PluginDescriptorTest {

    private static String descriptor() throws IOException {
        try (InputStream in = PluginDescriptorTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("plugin.xml on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void descriptor_declaresPrefixAndHelpGoal() throws IOException {
        String xml = descriptor();
        assertThat(xml).contains("<goalPrefix>event-contracts</goalPrefix>");
        assertThat(xml).contains("<goal>help</goal>");
        assertThat(xml).contains("<implementation>dev.eventcontracts.plugin.HelpMojo</implementation>");
    }

    @Test
    void descriptor_declaresEveryGoalThreadSafeWithItsDefaultPhase() throws IOException {
        String xml = descriptor();
        java.util.Map<String, String> phases = new java.util.LinkedHashMap<>();
        phases.put(CheckCompatibilityMojo.GOAL, "process-sources");
        phases.put(RegisterMojo.GOAL, null);
        phases.put(GenerateAsyncApiMojo.GOAL, "process-classes");
        phases.put(GenerateContractTestsMojo.GOAL, "generate-test-sources");
        phases.put(StartMojo.GOAL, "pre-integration-test");
        phases.put(StopMojo.GOAL, "post-integration-test");
        phases.put(VerifyMojo.GOAL, "verify");
        phases.put(RunMojo.GOAL, null);
        phases.put(RegisterConsumersMojo.GOAL, null);
        phases.put(RecordDeploymentMojo.GOAL, null);
        phases.put(CanIDeployMojo.GOAL, null);
        for (var goal : phases.entrySet()) {
            int start = xml.indexOf("<goal>" + goal.getKey() + "</goal>");
            assertThat(start).as("goal %s", goal.getKey()).isPositive();
            String mojo = xml.substring(start, xml.indexOf("</mojo>", start));
            assertThat(mojo).as(goal.getKey()).contains("<threadSafe>true</threadSafe>");
            if (goal.getValue() != null) {
                assertThat(mojo).as(goal.getKey()).contains("<phase>" + goal.getValue() + "</phase>");
            } else {
                assertThat(mojo).as(goal.getKey()).doesNotContain("<phase>");
            }
            assertThat(mojo).as(goal.getKey()).contains("<name>skip</name>");
        }
    }
}
