package dev.eventcontracts.broker.amqp.connection;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.FieldTables;
import dev.eventcontracts.broker.amqp.codec.LongString;
import dev.eventcontracts.broker.amqp.codec.MethodSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code connection.start} contents and SASL PLAIN / AMQPLAIN authentication, plus EXTERNAL for
 * clients that presented a verified TLS certificate (the user is the certificate's CN).
 */
final class Handshake {
    private final ConnectionSettings settings;

    Handshake(ConnectionSettings settings) {
        this.settings = settings;
    }

    AmqpMethod start() {
        return start(false);
    }

    /** {@code connection.start}; {@code offerExternal} adds EXTERNAL first, as RabbitMQ's {@code rabbitmq_auth_mechanism_ssl}. */
    AmqpMethod start(boolean offerExternal) {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        for (String c : new String[] {
            "publisher_confirms",
            "basic.nack",
            "consumer_cancel_notify",
            "exchange_exchange_bindings",
            "per_consumer_qos",
            "authentication_failure_close",
            "connection.blocked"
        }) {
            capabilities.put(c, true);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("capabilities", capabilities);
        props.put("product", LongString.of("event-contracts harness broker"));
        props.put("version", LongString.of("3.10.8"));
        props.put("platform", LongString.of("Java " + Runtime.version().feature()));
        props.put("information", LongString.of("In-memory AMQP 0-9-1 broker that behaves like RabbitMQ 3.10.8"));
        props.put("cluster_name", LongString.of("event-contracts-harness"));
        return AmqpMethod.of(
                MethodSpec.CONNECTION_START,
                0,
                9,
                props,
                bytes(offerExternal ? "EXTERNAL PLAIN AMQPLAIN" : "PLAIN AMQPLAIN"),
                bytes("en_US"));
    }

    /**
     * The authenticated user, or null when the credentials or mechanism are refused or a
     * loopback-only user connects from another host ({@code fromLoopback} false).
     */
    String authenticate(AmqpMethod startOk, boolean fromLoopback) {
        return authenticate(startOk, fromLoopback, Optional.empty());
    }

    /**
     * As {@link #authenticate(AmqpMethod, boolean)}; {@code certificateUser} is the CN of the
     * client's verified certificate, which EXTERNAL logs in as (no password needed, but the user
     * must be configured).
     *
     * @throws MechanismNotOfferedException when the client chose EXTERNAL without a certificate
     */
    String authenticate(AmqpMethod startOk, boolean fromLoopback, Optional<String> certificateUser) {
        String mechanism = startOk.string("mechanism");
        if (mechanism.equals("EXTERNAL")) {
            if (certificateUser.isEmpty()) {
                throw new MechanismNotOfferedException(mechanism);
            }
            String user = certificateUser.get();
            if (!settings.passwordHashes().containsKey(user)
                    || (!fromLoopback && settings.loopbackUsers().contains(user))) {
                return null;
            }
            return user;
        }
        byte[] response = startOk.bytes("response");
        String user;
        String password;
        if (mechanism.equals("PLAIN")) {
            String[] parts = new String(response, StandardCharsets.UTF_8).split("\0", -1);
            if (parts.length != 3) {
                return null;
            }
            user = parts[1];
            password = parts[2];
        } else if (mechanism.equals("AMQPLAIN")) {
            ByteBuf table = Unpooled.buffer(response.length + 4);
            table.writeInt(response.length);
            table.writeBytes(response);
            Map<String, Object> fields = FieldTables.readTable(table);
            Object login = fields.get("LOGIN");
            Object pass = fields.get("PASSWORD");
            if (login == null || pass == null) {
                return null;
            }
            user = login.toString();
            password = pass.toString();
        } else {
            return null;
        }
        String hash = settings.passwordHashes().get(user);
        if (hash == null || !PasswordHash.matches(hash, password)) {
            return null;
        }
        if (!fromLoopback && settings.loopbackUsers().contains(user)) {
            return null;
        }
        return user;
    }

    boolean clientWantsCancelNotify(AmqpMethod startOk) {
        Object caps = startOk.table("client-properties").get("capabilities");
        return caps instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("consumer_cancel_notify"));
    }

    /**
     * The client chose a mechanism the server did not offer; RabbitMQ then drops the socket
     * without a {@code connection.close}.
     */
    static final class MechanismNotOfferedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MechanismNotOfferedException(String mechanism) {
            super("invalid authentication mechanism '" + mechanism + "'");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
