package dev.eventcontracts.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.amqp.connection.PasswordHash;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static ConnectionFactory factory(HarnessBroker broker, String user, String password) {
        return Clients.plain("127.0.0.1", broker.port(), user, password);
    }

    @Test
    void userWithPasswordHash_logsInWithThePassword_notWithTheHash() throws Exception {
        String hash = PasswordHash.hash("s3cret");
        try (HarnessBroker broker = HarnessBroker.builder()
                .userWithPasswordHash("ops", hash)
                .build()
                .start()) {
            try (Connection c = factory(broker, "ops", "s3cret").newConnection()) {
                assertThat(c.isOpen()).isTrue();
            }
            assertThatThrownBy(() -> factory(broker, "ops", hash).newConnection())
                    .isInstanceOf(AuthenticationFailureException.class);
            assertThatThrownBy(() -> factory(broker, "guest", "guest").newConnection())
                    .as("configuring any user removes guest")
                    .isInstanceOf(AuthenticationFailureException.class);
        }
    }

    @Test
    void userWithoutPassword_cannotLogInWithAnyPassword() throws Exception {
        try (HarnessBroker broker =
                HarnessBroker.builder().userWithoutPassword("cert-only").build().start()) {
            assertThatThrownBy(() -> factory(broker, "cert-only", "").newConnection())
                    .isInstanceOf(AuthenticationFailureException.class)
                    .hasMessageContaining("Login was refused using authentication mechanism PLAIN");
        }
    }

    @Test
    void laterDefinitionOfAUser_replacesTheEarlierOne() throws Exception {
        try (HarnessBroker broker = HarnessBroker.builder()
                .user("ops", "old")
                .userWithPasswordHash("ops", PasswordHash.hash("new"))
                .build()
                .start()) {
            assertThatThrownBy(() -> factory(broker, "ops", "old").newConnection())
                    .isInstanceOf(AuthenticationFailureException.class);
            try (Connection c = factory(broker, "ops", "new").newConnection()) {
                assertThat(c.isOpen()).isTrue();
            }
        }
    }

    @Test
    void malformedPasswordHash_isRefusedByTheBuilder_withHowToMakeOne() {
        assertThatThrownBy(() -> HarnessBroker.builder().userWithPasswordHash("ops", "s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password hash of user 'ops' is not a PasswordHash value (base64 of a 4-byte salt and a"
                        + " SHA-256 digest, 48 characters); make one with"
                        + " 'java -jar event-contracts-harness-broker-standalone.jar --hash-password'");
    }
}
