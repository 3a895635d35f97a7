package dev.eventcontracts.broker.conformance;

import static dev.eventcontracts.broker.conformance.Deliveries.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Publish-time checks and name handling where the harness once differed from RabbitMQ 3.10 (the
 * client's {@code UserIDHeader}, {@code CcRoutes.nonArray}, {@code QueueLifecycle} and {@code
 * ExchangeDeclare} CR/LF cases, {@code BindingLifecycle.unbind}).
 */
class PublishChecksConformanceTest extends ConformanceBase {

    @ParameterizedTest
    @MethodSource("targets")
    void publish_withAnotherUsersUserId_is406(Target t) throws Exception {
        Channel ch = channel(t);
        AMQP.BasicProperties props =
                new AMQP.BasicProperties.Builder().userId("mallory").build();
        expectChannelClose(
                () -> {
                    ch.basicPublish("amq.fanout", "", props, bytes("x"));
                    ch.queueDeclare(); // a round trip, so the asynchronous close arrives
                },
                406,
                60,
                40,
                "PRECONDITION_FAILED - user_id property set to 'mallory' but authenticated user was 'guest'");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void publish_withOwnUserId_isDelivered(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, true, null).getQueue();
        ch.basicPublish(
                "", q, new AMQP.BasicProperties.Builder().userId("guest").build(), bytes("x"));
        assertThat(ch.basicGet(q, true).getProps().getUserId()).isEqualTo("guest");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void ccHeader_thatIsNotAnArray_is406(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, true, null).getQueue();
        AMQP.BasicProperties props =
                new AMQP.BasicProperties.Builder().headers(Map.of("CC", 0)).build();
        expectChannelClose(
                () -> {
                    ch.basicPublish("", q, props, bytes("x"));
                    ch.queueDeclare();
                },
                406,
                60,
                40,
                "PRECONDITION_FAILED - invalid message: {unacceptable_type_in_header,\"CC\",signedint}");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void ccHeader_array_ignoresElementsThatAreNotStrings(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, true, null).getQueue();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of(1, q)))
                .build();
        ch.basicPublish("", "nowhere", props, bytes("x"));
        assertThat(ch.basicGet(q, true)).as("routed by the CC key").isNotNull();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void queueDeclare_stripsCrAndLfFromTheName(Target t) throws Exception {
        Channel ch = channel(t);
        String stripped = name("crlf-q");
        String declared = ch.queueDeclare(
                        "\r" + stripped.substring(0, 4) + "\n" + stripped.substring(4) + "\r\n",
                        false,
                        true,
                        true,
                        null)
                .getQueue();
        assertThat(declared).isEqualTo(stripped);
        assertThat(ch.queueDeclarePassive(stripped).getQueue()).isEqualTo(stripped);
        assertThat(ch.queueDeclarePassive(stripped + "\n").getQueue())
                .as("passive declare strips too")
                .isEqualTo(stripped);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void exchangeDeclare_stripsCrAndLfFromTheName(Target t) throws Exception {
        Channel ch = channel(t);
        String stripped = name("crlf-x");
        ch.exchangeDeclare(stripped.substring(0, 5) + "\n\r" + stripped.substring(5), "fanout", false, true, null);
        deleteExchangeAfter(t, stripped);
        ch.exchangeDeclarePassive(stripped);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void queueUnbind_ofWhatDoesNotExist_succeeds(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, true, null).getQueue();
        ch.queueUnbind(name("missing-q"), "amq.direct", "k");
        ch.queueUnbind(q, name("missing-x"), "k");
        ch.queueUnbind(q, "amq.direct", "never-bound");
        ch.exchangeUnbind(name("missing-x"), "amq.direct", "k");
        ch.exchangeUnbind("amq.direct", name("missing-x"), "k");
        ch.queueBind(q, "amq.direct", "k");
        ch.queueUnbind(q, "amq.direct", "k");
        ch.basicPublish("amq.direct", "k", null, bytes("x"));
        assertThat(ch.basicGet(q, true)).as("unbound: nothing routed").isNull();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void queueUnbind_fromTheDefaultExchange_is403(Target t) throws Exception {
        Channel ch = channel(t);
        String q = ch.queueDeclare("", false, true, true, null).getQueue();
        expectChannelClose(
                () -> ch.queueUnbind(q, "", "k"),
                403,
                50,
                50,
                "ACCESS_REFUSED - operation not permitted on the default exchange");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void replyText_over255Bytes_isCutTo255WithAnEllipsis(Target t) throws Exception {
        String longName = name("long") + "-" + "q".repeat(230);
        Channel owner = channel(t);
        owner.queueDeclare(longName, false, true, true, null);
        Channel other = channel(t);
        AMQP.Channel.Close close =
                expectChannelClose(() -> other.queueDeclare(longName, false, false, false, null), 405, 50, 10, null);
        String text = close.getReplyText();
        assertThat(text)
                .startsWith("RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '"
                        + longName.substring(0, 20));
        assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(255);
        assertThat(text).endsWith("...");
        assertThat(owner.isOpen()).as("the connection survives").isTrue();
    }
}
