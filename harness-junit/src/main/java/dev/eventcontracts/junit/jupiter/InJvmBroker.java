package dev.eventcontracts.junit.jupiter;

import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.junit.internal.journal.InJvmPublishLog;
import dev.eventcontracts.junit.internal.journal.PublishLog;
import java.net.URI;

/**
 * The harness broker started inside the test JVM, on a free loopback port, when no broker URI is
 * configured — so a generated contract test runs from the IDE without the build.
 */
final class InJvmBroker implements AutoCloseable {

    private final HarnessBroker broker;

    private InJvmBroker(HarnessBroker broker) {
        this.broker = broker;
    }

    static InJvmBroker start() {
        return new InJvmBroker(HarnessBroker.builder().build().start());
    }

    URI amqpUri() {
        return broker.amqpUri();
    }

    PublishLog journal() {
        return new InJvmPublishLog(broker);
    }

    @Override
    public void close() {
        broker.close();
    }
}
