package dev.eventcontracts.kafka.internal;

import java.util.ArrayList;
import java.util.List;
import kafka.server.FaultHandlerFactory;
import org.apache.kafka.server.fault.FaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's fault handlers. A standalone Kafka halts the JVM on a fatal fault; inside a build
 * that JVM is Maven's (or the test runner's), so faults are logged and kept here instead, and
 * {@link #first()} reports the first one when the broker stops.
 */
public final class RecordedFaults implements FaultHandlerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedFaults.class);

    private final List<RuntimeException> faults = new ArrayList<>();

    @Override
    public FaultHandler build(String name, boolean fatal, Runnable action) {
        return (message, cause) -> {
            RuntimeException fault = new IllegalStateException(
                    (fatal ? "fatal" : "non-fatal") + " Kafka fault in " + name + ": " + message, cause);
            LOG.warn(fault.getMessage(), cause);
            synchronized (faults) {
                faults.add(fault);
            }
            action.run();
            return fault;
        };
    }

    /** The first fatal or non-fatal fault, or null. */
    public RuntimeException first() {
        synchronized (faults) {
            return faults.isEmpty() ? null : faults.get(0);
        }
    }
}
