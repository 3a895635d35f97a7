package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.ConsumerFixture;
import java.lang.reflect.Constructor;
import java.util.List;

/**
 * A contract's fixture as both sessions (AMQP and Kafka) use it: a new instance per consumer
 * start, and the good and poison samples it supplies (docs/contract-tests.md, "Samples").
 */
final class Fixtures {

    private final ConsumerContract contract;

    Fixtures(ConsumerContract contract) {
        this.contract = contract;
    }

    /** A new fixture, or null when the contract has none. */
    Object newFixture() {
        Class<?> type = contract.fixture();
        if (type == null) {
            return null;
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot instantiate fixture '" + type.getName() + "': it needs a public no-arg constructor (" + e
                            + ").",
                    e);
        }
    }

    /** The fixture's good samples (none without a fixture). */
    List<?> samples() {
        return newFixture() instanceof ConsumerFixture<?> f ? f.samples() : List.of();
    }

    /** The fixture's simple name, or {@code "no fixture"}. */
    String name() {
        return contract.fixture() == null ? "no fixture" : contract.fixture().getSimpleName();
    }

    /** The fixture's business-invalid payloads as messages (none without a fixture). */
    List<Sample> poison(Samples samples) {
        return newFixture() instanceof ConsumerFixture<?> f
                ? samples.poison(f.poisonSamples(), contract.fixture().getSimpleName())
                : List.of();
    }
}
