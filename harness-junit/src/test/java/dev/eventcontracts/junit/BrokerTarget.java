package dev.eventcontracts.junit;

import java.net.URI;
import java.util.stream.Stream;

/** A broker runtime tests run against. */
public enum BrokerTarget {
    /** The real RabbitMQ, the oracle (tests abort when it is unreachable). */
    RABBITMQ;

    /** All targets. */
    static Stream<BrokerTarget> all() {
        return Stream.of(values());
    }

    /** The broker's URI. */
    URI uri() {
        return Brokers.rabbitMq();
    }
}
