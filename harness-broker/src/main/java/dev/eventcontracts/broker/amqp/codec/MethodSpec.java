package dev.eventcontracts.broker.amqp.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * The AMQP 0-9-1 methods this broker reads or writes, with their argument layout. Field codes:
 * {@code o} octet, {@code s} short, {@code l} long, {@code L} long-long, {@code S} short string,
 * {@code X} long string (bytes), {@code b} bit, {@code T} table.
 *
 * @param classId the class id
 * @param methodId the method id
 * @param name {@code class.method}, for diagnostics
 * @param fields one field code per argument, in wire order
 */
public record MethodSpec(int classId, int methodId, String name, String fields) {

    private static final Map<Integer, MethodSpec> BY_ID = new HashMap<>();

    static {
        // connection
        add(10, 10, "connection.start", "ooTXX");
        add(10, 11, "connection.start-ok", "TSXS");
        add(10, 20, "connection.secure", "X");
        add(10, 21, "connection.secure-ok", "X");
        add(10, 30, "connection.tune", "sls");
        add(10, 31, "connection.tune-ok", "sls");
        add(10, 40, "connection.open", "SSb");
        add(10, 41, "connection.open-ok", "S");
        add(10, 50, "connection.close", "sSss");
        add(10, 51, "connection.close-ok", "");
        add(10, 60, "connection.blocked", "S");
        add(10, 61, "connection.unblocked", "");
        add(10, 70, "connection.update-secret", "XS");
        add(10, 71, "connection.update-secret-ok", "");
        // channel
        add(20, 10, "channel.open", "S");
        add(20, 11, "channel.open-ok", "X");
        add(20, 20, "channel.flow", "b");
        add(20, 21, "channel.flow-ok", "b");
        add(20, 40, "channel.close", "sSss");
        add(20, 41, "channel.close-ok", "");
        // exchange
        add(40, 10, "exchange.declare", "sSSbbbbbT");
        add(40, 11, "exchange.declare-ok", "");
        add(40, 20, "exchange.delete", "sSbb");
        add(40, 21, "exchange.delete-ok", "");
        add(40, 30, "exchange.bind", "sSSSbT");
        add(40, 31, "exchange.bind-ok", "");
        add(40, 40, "exchange.unbind", "sSSSbT");
        add(40, 51, "exchange.unbind-ok", "");
        // queue
        add(50, 10, "queue.declare", "sSbbbbbT");
        add(50, 11, "queue.declare-ok", "Sll");
        add(50, 20, "queue.bind", "sSSSbT");
        add(50, 21, "queue.bind-ok", "");
        add(50, 30, "queue.purge", "sSb");
        add(50, 31, "queue.purge-ok", "l");
        add(50, 40, "queue.delete", "sSbbb");
        add(50, 41, "queue.delete-ok", "l");
        add(50, 50, "queue.unbind", "sSSST");
        add(50, 51, "queue.unbind-ok", "");
        // basic
        add(60, 10, "basic.qos", "lsb");
        add(60, 11, "basic.qos-ok", "");
        add(60, 20, "basic.consume", "sSSbbbbT");
        add(60, 21, "basic.consume-ok", "S");
        add(60, 30, "basic.cancel", "Sb");
        add(60, 31, "basic.cancel-ok", "S");
        add(60, 40, "basic.publish", "sSSbb");
        add(60, 50, "basic.return", "sSSS");
        add(60, 60, "basic.deliver", "SLbSS");
        add(60, 70, "basic.get", "sSb");
        add(60, 71, "basic.get-ok", "LbSSl");
        add(60, 72, "basic.get-empty", "S");
        add(60, 80, "basic.ack", "Lb");
        add(60, 90, "basic.reject", "Lb");
        add(60, 100, "basic.recover-async", "b");
        add(60, 110, "basic.recover", "b");
        add(60, 111, "basic.recover-ok", "");
        add(60, 120, "basic.nack", "Lbb");
        // confirm
        add(85, 10, "confirm.select", "b");
        add(85, 11, "confirm.select-ok", "");
        // tx
        add(90, 10, "tx.select", "");
        add(90, 11, "tx.select-ok", "");
        add(90, 20, "tx.commit", "");
        add(90, 21, "tx.commit-ok", "");
        add(90, 30, "tx.rollback", "");
        add(90, 31, "tx.rollback-ok", "");
    }

    private static void add(int classId, int methodId, String name, String fields) {
        BY_ID.put(key(classId, methodId), new MethodSpec(classId, methodId, name, fields));
    }

    private static int key(int classId, int methodId) {
        return (classId << 16) | methodId;
    }

    /** The spec for a class and method id, or {@code null} when this broker does not know it. */
    public static MethodSpec lookup(int classId, int methodId) {
        return BY_ID.get(key(classId, methodId));
    }

    /** The spec for a class and method id; a caller bug when unknown. */
    public static MethodSpec of(int classId, int methodId) {
        MethodSpec spec = lookup(classId, methodId);
        if (spec == null) {
            throw new IllegalArgumentException("unknown method " + classId + "/" + methodId);
        }
        return spec;
    }
}
