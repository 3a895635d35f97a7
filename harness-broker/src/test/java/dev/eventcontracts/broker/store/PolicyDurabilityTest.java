package dev.eventcontracts.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.core.policies.ApplyTo;
import dev.eventcontracts.broker.core.policies.Policy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies are durable, as in RabbitMQ: they survive a restart and, with a data directory, a new process. */
class PolicyDurabilityTest {
    private static final Policy ONE_MESSAGE = new Policy("one", "^orders$", ApplyTo.QUEUES, 0, Map.of("max-length", 1));

    private static final AMQP.BasicProperties PERSISTENT =
            new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    private static int publishThree(HarnessBroker broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        try (Connection c = f.newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("orders", true, false, false, null);
            ch.confirmSelect();
            for (String m : new String[] {"a", "b", "c"}) {
                ch.basicPublish("", "orders", PERSISTENT, m.getBytes());
            }
            ch.waitForConfirmsOrDie(5000);
            return ch.queueDeclarePassive("orders").getMessageCount();
        }
    }

    @Test
    void restartWithoutDataDirectory_keepsThePolicies() throws Exception {
        try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
            broker.setPolicy(ONE_MESSAGE);
            broker.restart();
            assertThat(broker.policies()).containsExactly(ONE_MESSAGE);
            assertThat(publishThree(broker)).isEqualTo(1);
        }
    }

    @Test
    void aNewBrokerOnTheSameDataDirectory_recoversThePolicies_andAppliesThemToRecoveredQueues(@TempDir Path dir)
            throws Exception {
        try (HarnessBroker first =
                HarnessBroker.builder().dataDirectory(dir).build().start()) {
            assertThat(publishThree(first)).isEqualTo(3);
            first.setPolicy(new Policy("two", "^orders$", ApplyTo.QUEUES, 0, Map.of("max-length", 2)));
            first.setPolicy(ONE_MESSAGE);
            first.clearPolicy("two");
        }
        try (HarnessBroker second =
                HarnessBroker.builder().dataDirectory(dir).build().start()) {
            assertThat(second.policies()).containsExactly(ONE_MESSAGE);
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(second.amqpUri());
            try (Connection c = f.newConnection()) {
                assertThat(c.createChannel().queueDeclarePassive("orders").getMessageCount())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void builderPolicies_areInForceFromTheStart() throws Exception {
        try (HarnessBroker broker =
                HarnessBroker.builder().policy(ONE_MESSAGE).build().start()) {
            assertThat(publishThree(broker)).isEqualTo(1);
        }
    }
}
