package dev.eventcontracts.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.eventcontracts.broker.HarnessBroker;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HarnessBrokerTest {

    private static Connection connect(HarnessBroker broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    @Test
    void start_bindsAFreePort_andUriCarriesDefaultGuestCredentials() throws Exception {
        try (HarnessBroker broker = HarnessBroker.builder().build().start()) {
            assertThat(broker.port()).isPositive();
            assertThat(broker.amqpUri()).hasToString("amqp://guest:guest@127.0.0.1:" + broker.port());
            try (Connection c = connect(broker)) {
                assertThat(c.isOpen()).isTrue();
            }
        }
    }

    @Test
    void configuredUsers_replaceGuest_andTheFirstIsInTheUri() throws Exception {
        try (HarnessBroker broker = HarnessBroker.builder()
                .user("orders", "s3cret")
                .user("ops", "pw")
                .heartbeatSeconds(5)
                .build()
                .start()) {
            assertThat(broker.amqpUri().getUserInfo()).isEqualTo("orders:s3cret");
            try (Connection c = connect(broker)) {
                assertThat(c.getHeartbeat()).isEqualTo(5);
            }
            ConnectionFactory guest = new ConnectionFactory();
            guest.setPort(broker.port());
            assertThatThrownBy(guest::newConnection)
                    .isInstanceOf(com.rabbitmq.client.AuthenticationFailureException.class);
        }
    }

    @Test
    void twoBrokers_inOneJvm_doNotShareState() throws Exception {
        try (HarnessBroker a = HarnessBroker.builder().build().start();
                HarnessBroker b = HarnessBroker.builder().build().start();
                Connection ca = connect(a);
                Connection cb = connect(b)) {
            assertThat(a.port()).isNotEqualTo(b.port());
            Channel cha = ca.createChannel();
            cha.queueDeclare("shared-name", false, false, false, null);
            cha.basicPublish("", "shared-name", null, new byte[] {1});
            Channel chb = cb.createChannel();
            chb.queueDeclare("shared-name", false, false, false, null);
            assertThat(chb.basicGet("shared-name", true)).isNull();
            assertThat(cha.basicGet("shared-name", true)).isNotNull();
        }
    }

    @Test
    void start_onABoundPort_throwsUncheckedIOExceptionNamingThePort() {
        try (HarnessBroker first = HarnessBroker.builder().build().start()) {
            HarnessBroker second =
                    HarnessBroker.builder().amqpPort(first.port()).build();
            assertThatThrownBy(second::start)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port())
                    .hasMessageContaining("port 0");
            second.close();
        }
    }

    @Test
    void close_closesClientConnectionsWith320_andIsIdempotent() throws Exception {
        HarnessBroker broker = HarnessBroker.builder().build().start();
        Connection c = connect(broker);
        CompletableFuture<ShutdownSignalException> shutdown = new CompletableFuture<>();
        c.addShutdownListener(shutdown::complete);
        broker.close();
        broker.close();
        ShutdownSignalException s = shutdown.get(5, TimeUnit.SECONDS);
        assertThat(s.isHardError()).isTrue();
        AMQP.Connection.Close close = (AMQP.Connection.Close) s.getReason();
        assertThat(close.getReplyCode()).isEqualTo(320);
        assertThat(close.getReplyText())
                .isEqualTo("CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'");
    }

    @Test
    void portAndUri_beforeStart_failWithAHint() {
        HarnessBroker broker = HarnessBroker.builder().build();
        assertThatThrownBy(broker::port)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start()");
        broker.close();
    }

    @Test
    void builder_rejectsOutOfRangeValues() {
        assertThatThrownBy(() -> HarnessBroker.builder().amqpPort(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> HarnessBroker.builder().heartbeatSeconds(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
