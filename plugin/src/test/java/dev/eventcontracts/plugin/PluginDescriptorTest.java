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
}
