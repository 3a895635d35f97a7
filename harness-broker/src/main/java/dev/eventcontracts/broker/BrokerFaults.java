package dev.eventcontracts.broker;

import dev.eventcontracts.broker.core.VirtualHostAdmin;
import dev.eventcontracts.broker.faults.FaultRule;
import dev.eventcontracts.broker.faults.Faults;
import java.util.List;
import java.util.function.Supplier;

/** {@link Faults} of a running broker: each call runs on the broker's thread and waits for it. */
final class BrokerFaults implements Faults {
    private final BrokerThread thread;
    private final Supplier<VirtualHostAdmin> admin;

    /** {@code admin} gives the current virtual host's admin view (a restart replaces it). */
    BrokerFaults(BrokerThread thread, Supplier<VirtualHostAdmin> admin) {
        this.thread = thread;
        this.admin = admin;
    }

    @Override
    public ActiveFault add(FaultRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException("fault rule must not be null");
        }
        return onLoop(() -> admin.get().addFault(rule));
    }

    @Override
    public List<ActiveFault> active() {
        return onLoop(() -> admin.get().faults());
    }

    @Override
    public boolean remove(long id) {
        return onLoop(() -> admin.get().removeFault(id));
    }

    @Override
    public void clear() {
        onLoop(() -> {
            admin.get().clearFaults();
            return null;
        });
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) {
        return thread.callWrapped(task, "changing fault rules");
    }
}
