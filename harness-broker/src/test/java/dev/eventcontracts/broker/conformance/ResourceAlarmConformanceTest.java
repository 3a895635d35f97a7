package dev.eventcontracts.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.eventcontracts.broker.ctl.Ctl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resource alarms raised the way RabbitMQ's own client suite raises them ({@code
 * ConnectionRecovery.blockedListenerRecovery}): {@code rabbitmqctl set_vm_memory_high_watermark}
 * and {@code rabbitmqctl eval 'rabbit_alarm:set_alarm({{resource_limit, disk, node()}, []}).'}.
 * Against the RabbitMQ oracle only the read-only {@code rabbit_alarm:get_alarms()} is run: the
 * oracle is shared and raising its alarms would block every other publisher on it (see
 * docs/broker.md, "Flow control"). The {@code connection.blocked} reasons are RabbitMQ 3.10.8's
 * ({@code low on memory}, {@code low on disk}, {@code low on disk & memory}).
 */
class ResourceAlarmConformanceTest extends ConformanceBase {
    private final ObjectMapper json = new ObjectMapper();

    private String ctl(Target t, String... args) throws Exception {
        if (t.oracle()) {
            open(t).close(); // skips when the oracle is unreachable
            Path bin = Path.of("/usr/sbin/rabbitmqctl");
            Assumptions.assumeTrue(Files.isExecutable(bin), "rabbitmqctl not installed");
            List<String> cmd = new ArrayList<>(List.of(bin.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "rabbitmqctl failed: " + out);
            return out;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> all =
                new ArrayList<>(List.of("--admin", harness().adminUri().toString()));
        all.addAll(List.of(args));
        int code = Ctl.run(
                all.toArray(String[]::new),
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).as("ctl exit code, output: %s", out).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private String harnessCtl(String... args) throws Exception {
        return ctl(new Target("harness", harness().amqpUri(), false), args);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void getAlarms_withNoAlarm_printsTheEmptyList(Target t) throws Exception {
        assertThat(ctl(t, "-n", "rabbit@localhost", "eval", "rabbit_alarm:get_alarms()."))
                .isEqualTo("[]\n");
    }

    /** Harness only (see the class comment): the suite's blockedListenerRecovery sequence. */
    @Test
    void diskAlarm_blocksAPublisherWithLowOnDisk_andClearingItUnblocks() throws Exception {
        Target t = new Target("harness", harness().amqpUri(), false);
        Connection c = open(t);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        c.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                events.add("blocked: " + reason);
            }

            @Override
            public void handleUnblocked() {
                events.add("unblocked");
            }
        });
        Channel ch = c.createChannel();
        String q = ch.queueDeclare(name("alarm"), false, true, false, null).getQueue();
        try {
            harnessCtl("-n", "rabbit@localhost", "set_vm_memory_high_watermark", "0.000000001");
            assertThat(harnessCtl(
                            "-n",
                            "rabbit@localhost",
                            "eval",
                            "rabbit_alarm:set_alarm({{resource_limit, disk, node()}, []})."))
                    .isEqualTo("ok\n");
            assertThat(harnessCtl("eval", "rabbit_alarm:get_alarms().")).contains("{{resource_limit,disk,");
            assertThat(node().path("disk_free_alarm").asBoolean()).isTrue();

            ch.basicPublish("", q, null, "blocked".getBytes(StandardCharsets.UTF_8));
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("blocked: low on disk");
        } finally {
            harnessCtl("-n", "rabbit@localhost", "set_vm_memory_high_watermark", "0.4");
            harnessCtl("-n", "rabbit@localhost", "eval", "rabbit_alarm:clear_alarm({resource_limit, disk, node()}).");
        }
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("unblocked");
        assertThat(harnessCtl("eval", "rabbit_alarm:get_alarms().")).isEqualTo("[]\n");
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isEqualTo(1); // routed before the block
    }

    /** Harness only: both alarms named in one reason, in RabbitMQ 3.10.8's order. */
    @Test
    void memoryAndDiskAlarm_blockWithLowOnDiskAndMemory() throws Exception {
        Target t = new Target("harness", harness().amqpUri(), false);
        Connection c = open(t);
        BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
        c.addBlockedListener(reason -> reasons.add(reason), () -> reasons.add("unblocked"));
        Channel ch = c.createChannel();
        try {
            harnessCtl("eval", "rabbit_alarm:set_alarm({{resource_limit, memory, node()}, []}).");
            harnessCtl("eval", "rabbit_alarm:set_alarm({{resource_limit, disk, node()}, []}).");
            ch.basicPublish("", "", null, new byte[0]);
            assertThat(reasons.poll(10, TimeUnit.SECONDS)).isEqualTo("low on disk & memory");
        } finally {
            harnessCtl("eval", "rabbit_alarm:clear_alarm({resource_limit, disk, node()}).");
            harnessCtl("eval", "rabbit_alarm:clear_alarm({resource_limit, memory, node()}).");
        }
        assertThat(reasons.poll(10, TimeUnit.SECONDS)).isEqualTo("unblocked");
    }

    /** Harness only: a fraction is of the machine's memory, as RabbitMQ counts it. */
    @Test
    void setVmMemoryHighWatermark_fraction_isAFractionOfTheMachinesMemory() throws Exception {
        long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        try {
            harnessCtl("set_vm_memory_high_watermark", "0.4");
            assertThat(node().path("mem_limit").asLong()).isEqualTo((long) Math.floor(0.4 * total));
            harnessCtl("set_vm_memory_high_watermark", "absolute", "123456");
            assertThat(node().path("mem_limit").asLong()).isEqualTo(123456);
        } finally {
            harnessCtl("set_vm_memory_high_watermark", "absolute", "0");
        }
        assertThat(node().path("mem_limit").asLong()).isZero();
    }

    /** Harness only: anything but the rabbit_alarm calls is refused with rabbitmqctl's usage code. */
    @Test
    void eval_ofOtherErlang_exits64() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ctl.run(
                new String[] {"--admin", harness().adminUri().toString(), "eval", "rabbit:stop()."},
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the harness runs no Erlang");
    }

    private JsonNode node() throws Exception {
        URI uri = harness().adminUri().resolve("/api/nodes");
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body()).get(0);
    }
}
