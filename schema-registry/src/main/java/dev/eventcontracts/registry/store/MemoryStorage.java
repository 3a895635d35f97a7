package dev.eventcontracts.registry.store;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/** State in memory only: gone when the process ends. */
final class MemoryStorage implements Storage {

    private final RegistryState state = new RegistryState();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    public <T> T read(Function<RegistryState, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T write(Function<RegistryState, T> writer) {
        lock.writeLock().lock();
        try {
            T result = writer.apply(state);
            state.revision++;
            return result;
        } finally {
            state.clearDirty();
            lock.writeLock().unlock();
        }
    }

    @Override
    public String describe() {
        return "in-memory registry";
    }

    @Override
    public void close() {}
}
