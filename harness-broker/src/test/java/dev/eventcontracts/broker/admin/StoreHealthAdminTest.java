package dev.eventcontracts.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.store.log.LogOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A durable store that stops writing shows up in {@code /api/nodes} and {@code /metrics}. */
class StoreHealthAdminTest {

    @TempDir
    Path dir;

    @Test
    void failedFsync_isReportedByTheNodeAndTheMetrics() throws Exception {
        AtomicBoolean diskFull = new AtomicBoolean();
        LogOptions options = LogOptions.DEFAULTS.withWriteHook((segment, operation) -> {
            if (diskFull.get() && operation.equals("fsync")) {
                throw new IOException("No space left on device");
            }
        });
        try (HarnessBroker broker = HarnessBroker.builder()
                .dataDirectory(dir)
                .logOptions(options)
                .build()
                .start()) {
            AdminClient admin = new AdminClient(broker.adminUri());
            assertThat(admin.getJson("/api/nodes").get(0).get("store_failure").isNull())
                    .isTrue();
            assertThat(admin.get("/metrics").body()).contains("harness_store_failed 0.0");

            ConnectionFactory f = new ConnectionFactory();
            f.setUri(broker.amqpUri());
            f.setAutomaticRecoveryEnabled(false);
            try (Connection c = f.newConnection()) {
                Channel ch = c.createChannel();
                ch.confirmSelect();
                ch.queueDeclare("orders", true, false, false, null);
                diskFull.set(true);
                ch.basicPublish(
                        "",
                        "orders",
                        new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        "lost".getBytes(StandardCharsets.UTF_8));
                assertThat(ch.waitForConfirms(5000)).as("nacked").isFalse();
            }

            assertThat(admin.getJson("/api/nodes").get(0).get("store_failure").asText())
                    .contains("No space left on device")
                    .contains(dir.toString());
            assertThat(admin.get("/metrics").body()).contains("harness_store_failed 1.0");
        }
    }
}
