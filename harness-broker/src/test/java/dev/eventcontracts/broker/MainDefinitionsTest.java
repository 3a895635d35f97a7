package dev.eventcontracts.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --definitions FILE} on the standalone broker. */
class MainDefinitionsTest {

    @Test
    void definitionsOption_declaresTheTopologyOfTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("definitions.json");
        Files.writeString(file, "{\"queues\":[{\"name\":\"orders\",\"vhost\":\"/\",\"durable\":true}]}");
        try (HarnessBroker broker = Main.parse(new String[] {"--definitions", file.toString()})
                .build()
                .start()) {
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(broker.amqpUri());
            try (Connection c = f.newConnection()) {
                assertThat(c.createChannel().queueDeclarePassive("orders").getQueue())
                        .isEqualTo("orders");
            }
        }
    }

    @Test
    void badDefinitionsFile_exitsWith2_namingTheFileAndThePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("definitions.json");
        Files.writeString(
                file, "{\"exchanges\":[{\"name\":\"orders\",\"vhost\":\"/\",\"type\":\"fanout\",\"durable\":1}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"--definitions", file.toString()},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(file + ": exchanges[0].durable: must be true or false, got a number 1");
    }

    @Test
    void definitionsTheBrokerRefuses_exitWith2_namingTheEntry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("definitions.json");
        Files.writeString(file, "{\"exchanges\":[{\"name\":\"orders\",\"vhost\":\"/\",\"type\":\"fan-out\"}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"--definitions", file.toString()},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(file + ": exchanges[0]: COMMAND_INVALID - unknown exchange type 'fan-out'");
    }
}
