package dev.eventcontracts.registry.store;

import java.util.function.Function;

/** Where a {@link RegistryStore} keeps its state: memory, or a directory of files. */
interface Storage extends AutoCloseable {

    /** Runs a read against a fresh view of the state. */
    <T> T read(Function<RegistryState, T> reader);

    /**
     * Runs a change exclusively (across threads, and across processes for files) against the
     * newest state, then makes the changes durable. The change validates before it mutates.
     */
    <T> T write(Function<RegistryState, T> writer);

    /** A description for messages, such as the directory. */
    String describe();

    @Override
    void close();
}
