package dev.eventcontracts.broker.amqp.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The AMQP 0-9-1 methods this broker reads or writes, with their arguments by name, in wire
 * order, as the AMQP 0-9-1 specification names them. Field codes: {@code o} octet, {@code s}
 * short, {@code l} long, {@code L} long-long, {@code S} short string, {@code X} long string
 * (bytes), {@code b} bit, {@code T} table. Code reads arguments by name ({@code
 * m.bit("mandatory")}) and makes methods by constant ({@code AmqpMethod.of(CONNECTION_CLOSE_OK)}).
 */
public enum MethodSpec {
    CONNECTION_START(
            10, 10, "connection.start", "version-major:o version-minor:o server-properties:T mechanisms:X locales:X"),
    CONNECTION_START_OK(10, 11, "connection.start-ok", "client-properties:T mechanism:S response:X locale:S"),
    CONNECTION_SECURE(10, 20, "connection.secure", "challenge:X"),
    CONNECTION_SECURE_OK(10, 21, "connection.secure-ok", "response:X"),
    CONNECTION_TUNE(10, 30, "connection.tune", "channel-max:s frame-max:l heartbeat:s"),
    CONNECTION_TUNE_OK(10, 31, "connection.tune-ok", "channel-max:s frame-max:l heartbeat:s"),
    CONNECTION_OPEN(10, 40, "connection.open", "virtual-host:S capabilities:S insist:b"),
    CONNECTION_OPEN_OK(10, 41, "connection.open-ok", "known-hosts:S"),
    CONNECTION_CLOSE(10, 50, "connection.close", "reply-code:s reply-text:S class-id:s method-id:s"),
    CONNECTION_CLOSE_OK(10, 51, "connection.close-ok", ""),
    CONNECTION_BLOCKED(10, 60, "connection.blocked", "reason:S"),
    CONNECTION_UNBLOCKED(10, 61, "connection.unblocked", ""),
    CONNECTION_UPDATE_SECRET(10, 70, "connection.update-secret", "new-secret:X reason:S"),
    CONNECTION_UPDATE_SECRET_OK(10, 71, "connection.update-secret-ok", ""),
    CHANNEL_OPEN(20, 10, "channel.open", "out-of-band:S"),
    CHANNEL_OPEN_OK(20, 11, "channel.open-ok", "channel-id:X"),
    CHANNEL_FLOW(20, 20, "channel.flow", "active:b"),
    CHANNEL_FLOW_OK(20, 21, "channel.flow-ok", "active:b"),
    CHANNEL_CLOSE(20, 40, "channel.close", "reply-code:s reply-text:S class-id:s method-id:s"),
    CHANNEL_CLOSE_OK(20, 41, "channel.close-ok", ""),
    EXCHANGE_DECLARE(
            40,
            10,
            "exchange.declare",
            "ticket:s exchange:S type:S passive:b durable:b auto-delete:b internal:b no-wait:b arguments:T"),
    EXCHANGE_DECLARE_OK(40, 11, "exchange.declare-ok", ""),
    EXCHANGE_DELETE(40, 20, "exchange.delete", "ticket:s exchange:S if-unused:b no-wait:b"),
    EXCHANGE_DELETE_OK(40, 21, "exchange.delete-ok", ""),
    EXCHANGE_BIND(40, 30, "exchange.bind", "ticket:s destination:S source:S routing-key:S no-wait:b arguments:T"),
    EXCHANGE_BIND_OK(40, 31, "exchange.bind-ok", ""),
    EXCHANGE_UNBIND(40, 40, "exchange.unbind", "ticket:s destination:S source:S routing-key:S no-wait:b arguments:T"),
    EXCHANGE_UNBIND_OK(40, 51, "exchange.unbind-ok", ""),
    QUEUE_DECLARE(
            50,
            10,
            "queue.declare",
            "ticket:s queue:S passive:b durable:b exclusive:b auto-delete:b no-wait:b arguments:T"),
    QUEUE_DECLARE_OK(50, 11, "queue.declare-ok", "queue:S message-count:l consumer-count:l"),
    QUEUE_BIND(50, 20, "queue.bind", "ticket:s queue:S exchange:S routing-key:S no-wait:b arguments:T"),
    QUEUE_BIND_OK(50, 21, "queue.bind-ok", ""),
    QUEUE_PURGE(50, 30, "queue.purge", "ticket:s queue:S no-wait:b"),
    QUEUE_PURGE_OK(50, 31, "queue.purge-ok", "message-count:l"),
    QUEUE_DELETE(50, 40, "queue.delete", "ticket:s queue:S if-unused:b if-empty:b no-wait:b"),
    QUEUE_DELETE_OK(50, 41, "queue.delete-ok", "message-count:l"),
    QUEUE_UNBIND(50, 50, "queue.unbind", "ticket:s queue:S exchange:S routing-key:S arguments:T"),
    QUEUE_UNBIND_OK(50, 51, "queue.unbind-ok", ""),
    BASIC_QOS(60, 10, "basic.qos", "prefetch-size:l prefetch-count:s global:b"),
    BASIC_QOS_OK(60, 11, "basic.qos-ok", ""),
    BASIC_CONSUME(
            60,
            20,
            "basic.consume",
            "ticket:s queue:S consumer-tag:S no-local:b no-ack:b exclusive:b no-wait:b arguments:T"),
    BASIC_CONSUME_OK(60, 21, "basic.consume-ok", "consumer-tag:S"),
    BASIC_CANCEL(60, 30, "basic.cancel", "consumer-tag:S no-wait:b"),
    BASIC_CANCEL_OK(60, 31, "basic.cancel-ok", "consumer-tag:S"),
    BASIC_PUBLISH(60, 40, "basic.publish", "ticket:s exchange:S routing-key:S mandatory:b immediate:b"),
    BASIC_RETURN(60, 50, "basic.return", "reply-code:s reply-text:S exchange:S routing-key:S"),
    BASIC_DELIVER(60, 60, "basic.deliver", "consumer-tag:S delivery-tag:L redelivered:b exchange:S routing-key:S"),
    BASIC_GET(60, 70, "basic.get", "ticket:s queue:S no-ack:b"),
    BASIC_GET_OK(60, 71, "basic.get-ok", "delivery-tag:L redelivered:b exchange:S routing-key:S message-count:l"),
    BASIC_GET_EMPTY(60, 72, "basic.get-empty", "cluster-id:S"),
    BASIC_ACK(60, 80, "basic.ack", "delivery-tag:L multiple:b"),
    BASIC_REJECT(60, 90, "basic.reject", "delivery-tag:L requeue:b"),
    BASIC_RECOVER_ASYNC(60, 100, "basic.recover-async", "requeue:b"),
    BASIC_RECOVER(60, 110, "basic.recover", "requeue:b"),
    BASIC_RECOVER_OK(60, 111, "basic.recover-ok", ""),
    BASIC_NACK(60, 120, "basic.nack", "delivery-tag:L multiple:b requeue:b"),
    CONFIRM_SELECT(85, 10, "confirm.select", "no-wait:b"),
    CONFIRM_SELECT_OK(85, 11, "confirm.select-ok", ""),
    TX_SELECT(90, 10, "tx.select", ""),
    TX_SELECT_OK(90, 11, "tx.select-ok", ""),
    TX_COMMIT(90, 20, "tx.commit", ""),
    TX_COMMIT_OK(90, 21, "tx.commit-ok", ""),
    TX_ROLLBACK(90, 30, "tx.rollback", ""),
    TX_ROLLBACK_OK(90, 31, "tx.rollback-ok", "");

    /** Class id of {@code basic}, the only class with content. */
    public static final int BASIC = 60;

    private static final Map<Integer, MethodSpec> BY_ID = new HashMap<>();

    static {
        for (MethodSpec spec : values()) {
            BY_ID.put(key(spec.classId, spec.methodId), spec);
        }
    }

    private final int classId;
    private final int methodId;
    private final String amqpName;
    private final String fields;
    private final List<String> fieldNames;

    MethodSpec(int classId, int methodId, String amqpName, String namedFields) {
        this.classId = classId;
        this.methodId = methodId;
        this.amqpName = amqpName;
        StringBuilder codes = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (String field : namedFields.isEmpty() ? new String[0] : namedFields.split(" ")) {
            int colon = field.indexOf(':');
            names.add(field.substring(0, colon));
            codes.append(field.charAt(colon + 1));
        }
        this.fields = codes.toString();
        this.fieldNames = List.copyOf(names);
    }

    private static int key(int classId, int methodId) {
        return (classId << 16) | methodId;
    }

    /** The class id. */
    public int classId() {
        return classId;
    }

    /** The method id. */
    public int methodId() {
        return methodId;
    }

    /** {@code class.method} as the specification writes it, for diagnostics: {@code basic.publish}. */
    public String amqpName() {
        return amqpName;
    }

    /** One field code per argument, in wire order. */
    public String fields() {
        return fields;
    }

    /** The argument names, in wire order. */
    public List<String> fieldNames() {
        return fieldNames;
    }

    /**
     * The position of the argument {@code name}.
     *
     * @throws IllegalArgumentException when this method has no such argument (a caller bug)
     */
    public int field(String name) {
        for (int i = 0; i < fieldNames.size(); i++) {
            if (fieldNames.get(i).equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(amqpName + " has no argument '" + name + "'; it has " + fieldNames);
    }

    /** The spec for a class and method id, or {@code null} when this broker does not know it. */
    public static MethodSpec lookup(int classId, int methodId) {
        return BY_ID.get(key(classId, methodId));
    }
}
