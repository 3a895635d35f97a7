package dev.eventcontracts.broker;

import dev.eventcontracts.broker.core.VirtualHostAdmin;
import dev.eventcontracts.broker.faults.FaultRule;
import dev.eventcontracts.broker.faults.Faults;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** {@link Faults} of a running broker: each call runs on the broker's thread and waits for it. */
final class BrokerFaults implements Faults {
    private final EventLoop loop;
    private final Supplier<VirtualHostAdmin> admin;

    /** {@code admin} gives the current virtual host's admin view (a restart replaces it). */
    BrokerFaults(EventLoop loop, Supplier<VirtualHostAdmin> admin) {
        this.loop = loop;
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

    private <T> T onLoop(Callable<T> task) {
        try {
            if (loop.inEventLoop()) {
                return task.call();
            }
            return loop.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing fault rules", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("changing fault rules failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not apply the fault rule change within 10 s", e);
        } catch (Exception e) {
            throw new IllegalStateException("changing fault rules failed: " + e, e);
        }
    }
}
