package dev.eventcontracts.broker.conformance;

import static dev.eventcontracts.broker.conformance.Deliveries.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Direct reply-to ({@code amq.rabbitmq.reply-to}), as RabbitMQ 3.10: the RPC pattern without a reply queue. */
class DirectReplyToConformanceTest extends ConformanceBase {
    private static final String REPLY_TO = "amq.rabbitmq.reply-to";

    /** Consumes replies on {@code ch}, sends a request and returns the {@code reply_to} the server saw. */
    private String request(Channel ch, Deliveries replies, String serverQueue) throws Exception {
        ch.basicConsume(REPLY_TO, true, replies);
        ch.basicPublish(
                "",
                serverQueue,
                new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).build(),
                bytes("request"));
        GetResponse req = ch.basicGet(serverQueue, true);
        assertThat(req).isNotNull();
        return req.getProps().getReplyTo();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void reply_toTheRewrittenAddress_reachesTheRequester(Target t) throws Exception {
        Channel client = channel(t);
        String serverQueue = client.queueDeclare("", false, false, true, null).getQueue();
        Deliveries replies = new Deliveries(client);
        String address = request(client, replies, serverQueue);
        assertThat(address).startsWith(REPLY_TO + ".").isNotEqualTo(REPLY_TO + ".");

        Channel server = channel(t);
        assertThat(server.queueDeclarePassive(address).getQueue()).isEqualTo(address);
        server.confirmSelect();
        server.basicPublish("", address, true, null, bytes("response"));
        server.waitForConfirmsOrDie(5000);
        Deliveries.Delivery reply = replies.next();
        assertThat(reply.text()).isEqualTo("response");
        assertThat(reply.envelope().getExchange()).isEmpty();
        assertThat(reply.envelope().getRoutingKey()).isEqualTo(address);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void tamperedAddress_isNotFound_andDeliversNothing(Target t) throws Exception {
        Channel client = channel(t);
        String serverQueue = client.queueDeclare("", false, false, true, null).getQueue();
        Deliveries replies = new Deliveries(client);
        String address = request(client, replies, serverQueue);
        String tampered = address.substring(0, address.length() - 5) + "xxxxx";
        Channel server = channel(t);
        server.basicPublish("", tampered, null, bytes("response"));
        replies.assertNothingWithin(300);
        expectChannelClose(
                () -> server.queueDeclarePassive(tampered),
                404,
                50,
                10,
                "NOT_FOUND - no queue '" + tampered + "' in vhost '/'");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void consume_withAcks_is406(Target t) throws Exception {
        Channel ch = channel(t);
        expectChannelClose(
                () -> ch.basicConsume(REPLY_TO, false, new DefaultConsumer(ch)),
                406,
                60,
                20,
                "PRECONDITION_FAILED - reply consumer cannot acknowledge");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void secondReplyConsumer_onTheSameChannel_is406_butCancelAllowsANewOne(Target t) throws Exception {
        Channel ch = channel(t);
        String first = ch.basicConsume(REPLY_TO, true, new DefaultConsumer(ch));
        ch.basicCancel(first);
        String second = ch.basicConsume(REPLY_TO, true, new DefaultConsumer(ch));
        assertThat(second).isNotEqualTo(first);
        expectChannelClose(
                () -> ch.basicConsume(REPLY_TO, true, new DefaultConsumer(ch)),
                406,
                60,
                20,
                "PRECONDITION_FAILED - reply consumer already set");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void request_withoutAReplyConsumer_is406(Target t) throws Exception {
        Channel ch = channel(t);
        expectChannelClose(
                () -> {
                    ch.basicPublish(
                            "",
                            "anywhere",
                            new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).build(),
                            bytes("x"));
                    ch.queueDeclare();
                },
                406,
                60,
                40,
                "PRECONDITION_FAILED - fast reply consumer does not exist");
    }
}
