package dev.eventcontracts.junit;

import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.junit.internal.journal.InJvmPublishLog;
import dev.eventcontracts.junit.internal.journal.PublishLog;
import java.net.URI;
import java.util.stream.Stream;

/** A broker runtime tests run against: the harness broker, and RabbitMQ as the oracle. */
public enum BrokerTarget {
    /** One in-JVM harness broker shared by the test JVM's runtime tests (started on first use). */
    HARNESS,
    /** The real RabbitMQ, the oracle (tests abort when it is unreachable). */
    RABBITMQ;

    /** All targets. */
    static Stream<BrokerTarget> all() {
        return Stream.of(values());
    }

    /** The broker's URI. */
    URI uri() {
        return this == HARNESS ? SharedHarness.BROKER.amqpUri() : Brokers.rabbitMq();
    }

    /** The publish journal of the broker at {@code uri}: the shared harness broker's, or null (RabbitMQ keeps none). */
    static PublishLog journalFor(URI uri) {
        return SharedHarness.started() && SharedHarness.BROKER.amqpUri().equals(uri)
                ? new InJvmPublishLog(SharedHarness.BROKER)
                : null;
    }

    /** Lazily started; the JVM exit closes its daemon threads. */
    private static final class SharedHarness {
        static final HarnessBroker BROKER = HarnessBroker.builder().build().start();

        static boolean started() {
            return BROKER != null;
        }
    }
}
