package dev.eventcontracts.broker.admin.internal;

import dev.eventcontracts.broker.core.ClientConnection;
import dev.eventcontracts.broker.core.Views;
import dev.eventcontracts.broker.core.VirtualHostAdmin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prometheus metrics of one broker through Micrometer: per-queue depth, consumers and lifetime
 * counters (published, delivered, redelivered, acked, dead-lettered), plus connection, blocked
 * connection and channel counts, the memory alarm (bytes used, watermark, alarm on/off) and
 * whether the durable store failed. Values
 * are refreshed from a snapshot of the virtual host at each scrape, on its thread.
 */
final class BrokerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, QueueMeters> queues = new HashMap<>();
    private volatile int connections;
    private volatile int channels;
    private volatile int blockedConnections;
    private volatile Views.MemoryView memory = new Views.MemoryView(0, 0, false);
    private volatile boolean storeFailed;

    BrokerMetrics() {
        Gauge.builder("harness.connections", this, m -> m.connections)
                .description("Open client connections")
                .register(registry);
        Gauge.builder("harness.channels", this, m -> m.channels)
                .description("Open channels")
                .register(registry);
        Gauge.builder("harness.connections.blocked", this, m -> m.blockedConnections)
                .description("Connections the memory alarm stopped reading from")
                .register(registry);
        Gauge.builder("harness.memory.used", this, m -> m.memory.used())
                .description("Bytes of message bodies and headers held by the queues")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("harness.memory.high.watermark", this, m -> m.memory.highWatermark())
                .description("Memory high watermark; 0 = flow control off")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("harness.memory.alarm", this, m -> m.memory.alarm() ? 1 : 0)
                .description("1 while the memory alarm blocks publishing connections, else 0")
                .register(registry);
        Gauge.builder("harness.store.failed", this, m -> m.storeFailed ? 1 : 0)
                .description("1 once the durable store failed to write (persistent publishes are refused), else 0")
                .register(registry);
    }

    /** Refreshes every value from {@code admin} and returns the Prometheus text exposition. */
    String scrape(VirtualHostAdmin admin) {
        connections = admin.connections().size();
        channels = admin.channels().size();
        blockedConnections = (int) admin.connections().stream()
                .filter(c -> c.state() == ClientConnection.FlowState.BLOCKED)
                .count();
        memory = admin.memory();
        storeFailed = !admin.storeFailure().isEmpty();
        List<Views.QueueView> views = admin.queues();
        Set<String> names = views.stream().map(Views.QueueView::name).collect(Collectors.toSet());
        for (String gone : new ArrayList<>(queues.keySet())) {
            if (!names.contains(gone)) {
                queues.remove(gone).meters.forEach(registry::remove);
            }
        }
        for (Views.QueueView q : views) {
            queues.computeIfAbsent(q.name(), n -> new QueueMeters(admin.name(), n)).view = q;
        }
        return registry.scrape();
    }

    /** The meters of one queue, reading the latest snapshot. */
    private final class QueueMeters {
        final List<Meter> meters = new ArrayList<>();
        volatile Views.QueueView view;

        QueueMeters(String vhost, String queue) {
            Tags tags = Tags.of("vhost", vhost, "queue", queue);
            meters.add(gauge("harness.queue.messages.ready", "Ready messages", tags, v -> v.messagesReady()));
            meters.add(gauge(
                    "harness.queue.messages.unacked",
                    "Delivered, unacknowledged messages",
                    tags,
                    v -> v.messagesUnacknowledged()));
            meters.add(gauge("harness.queue.consumers", "Consumers", tags, v -> v.consumers()));
            meters.add(counter("harness.queue.published", "Messages enqueued", tags, c -> c.published()));
            meters.add(counter("harness.queue.delivered", "Deliveries (consume and get)", tags, c -> c.delivered()));
            meters.add(
                    counter("harness.queue.redelivered", "Deliveries flagged redelivered", tags, c -> c.redelivered()));
            meters.add(counter("harness.queue.acked", "Settled deliveries", tags, c -> c.acked()));
            meters.add(counter(
                    "harness.queue.dead.lettered",
                    "Messages dead-lettered from this queue",
                    tags,
                    c -> c.deadLettered()));
        }

        private Meter gauge(
                String name, String help, Tags tags, java.util.function.ToDoubleFunction<Views.QueueView> f) {
            return Gauge.builder(name, this, m -> m.view == null ? 0 : f.applyAsDouble(m.view))
                    .description(help)
                    .tags(tags)
                    .register(registry);
        }

        private Meter counter(
                String name, String help, Tags tags, java.util.function.ToDoubleFunction<Views.QueueCounters> f) {
            return FunctionCounter.builder(name, this, m -> m.view == null ? 0 : f.applyAsDouble(m.view.counters()))
                    .description(help)
                    .tags(tags)
                    .register(registry);
        }
    }
}
