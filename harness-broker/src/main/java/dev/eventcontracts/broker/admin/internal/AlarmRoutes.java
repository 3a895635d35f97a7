package dev.eventcontracts.broker.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventcontracts.broker.core.MemoryAlarm;
import dev.eventcontracts.broker.core.Views;
import dev.eventcontracts.broker.core.VirtualHostAdmin;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /api/alarms} and {@code /api/memory-high-watermark}: what {@code rabbitmqctl
 * set_vm_memory_high_watermark} and {@code rabbitmqctl eval 'rabbit_alarm:set_alarm(...)'} do on
 * RabbitMQ (docs/broker.md, "Flow control").
 */
final class AlarmRoutes {
    /** The node name the admin API reports (see {@link JsonShapes#node}). */
    static final String NODE = "harness@localhost";

    private AlarmRoutes() {}

    /** {@code GET /api/alarms}; {@code PUT} or {@code DELETE /api/alarms/{memory|disk}} raise or clear one. */
    static PolicyRoutes.Reply alarms(VirtualHostAdmin admin, String method, List<String> rest, String path) {
        if (rest.isEmpty()) {
            require(method, "GET", path);
            Views.MemoryView m = admin.memory();
            List<Map<String, Object>> on = new ArrayList<>();
            if (m.alarm()) {
                on.add(alarm("memory"));
            }
            if (m.diskAlarm()) {
                on.add(alarm("disk"));
            }
            return new PolicyRoutes.Reply(200, on);
        }
        if (rest.size() > 1) {
            throw new AdminApi.ApiError(404, "not_found", "no resource at '" + path + "'");
        }
        MemoryAlarm.Resource resource = resource(rest.get(0));
        switch (method) {
            case "PUT" -> admin.raiseAlarm(resource, true);
            case "DELETE" -> admin.raiseAlarm(resource, false);
            default ->
                throw new AdminApi.ApiError(
                        405, "method_not_allowed", method + " is not allowed on '" + path + "'; use PUT or DELETE");
        }
        return new PolicyRoutes.Reply(204, null);
    }

    /**
     * {@code PUT /api/memory-high-watermark} with {@code {"fraction":0.4}} (of the machine's memory,
     * as RabbitMQ counts it) or {@code {"absolute":bytes}} (0 turns flow control off); answers the
     * watermark in bytes as {@code {"mem_limit":n}}.
     */
    static PolicyRoutes.Reply highWatermark(
            VirtualHostAdmin admin, String method, byte[] body, String path, Function<byte[], JsonNode> json) {
        if (!method.equals("PUT")) {
            throw new AdminApi.ApiError(
                    405, "method_not_allowed", method + " is not allowed on '" + path + "'; use PUT");
        }
        JsonNode b = json.apply(body);
        JsonNode fraction = b == null ? null : b.get("fraction");
        JsonNode absolute = b == null ? null : b.get("absolute");
        if (b == null || !b.isObject() || b.size() != 1 || (fraction == null) == (absolute == null)) {
            throw new AdminApi.ApiError(
                    400, "bad_request", "body must be {\"fraction\":0.4} or {\"absolute\":104857600}, got '" + b + "'");
        }
        long bytes;
        if (fraction != null) {
            if (!fraction.isNumber() || !(fraction.asDouble() > 0) || fraction.asDouble() > 1) {
                throw new AdminApi.ApiError(
                        400,
                        "bad_request",
                        "'fraction' must be a number above 0 and at most 1, got '" + fraction + "'");
            }
            bytes = Math.max(1, (long) Math.floor(fraction.asDouble() * totalMemory()));
        } else {
            if (!absolute.canConvertToLong() || absolute.asLong() < 0) {
                throw new AdminApi.ApiError(
                        400,
                        "bad_request",
                        "'absolute' must be a whole number of bytes, 0 or more, got '" + absolute + "'");
            }
            bytes = absolute.asLong();
        }
        admin.memoryHighWatermark(bytes);
        return new PolicyRoutes.Reply(200, Map.of("mem_limit", bytes));
    }

    /** The machine's (or container's) memory, which RabbitMQ's fraction refers to. */
    private static long totalMemory() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    private static Map<String, Object> alarm(String resource) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", NODE);
        m.put("resource", resource);
        return m;
    }

    private static MemoryAlarm.Resource resource(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "memory" -> MemoryAlarm.Resource.MEMORY;
            case "disk", "disc" -> MemoryAlarm.Resource.DISK;
            default ->
                throw new AdminApi.ApiError(
                        404, "not_found", "no alarm resource '" + name + "'; RabbitMQ's are 'memory' and 'disk'");
        };
    }

    private static void require(String method, String expected, String path) {
        if (!method.equals(expected)) {
            throw new AdminApi.ApiError(
                    405, "method_not_allowed", method + " is not allowed on '" + path + "'; use " + expected);
        }
    }
}
