package dev.eventcontracts.plugin.lifecycle;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code start} and {@code run} were told; {@code null} means default.
 *
 * @param buildDirectory {@code target/}
 * @param amqpPort the broker's AMQP port; default 0 (a free port)
 * @param bindAddress the address to bind; default {@code 127.0.0.1} (loopback only)
 */
public record EnvironmentConfig(Path buildDirectory, Integer amqpPort, String bindAddress) {

    /** Fills in defaults and checks the port range. */
    public EnvironmentConfig {
        Objects.requireNonNull(buildDirectory, "buildDirectory");
        amqpPort = amqpPort == null ? 0 : amqpPort;
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
        if (amqpPort < 0 || amqpPort > 65535) {
            throw new dev.eventcontracts.plugin.problems.InvalidParameterException(
                    "<amqpPort>",
                    "eventcontracts.amqpPort",
                    String.valueOf(amqpPort),
                    "use 0 for a free port (the default) or a port between 1 and 65535.");
        }
    }

    /** {@code target/event-contracts}. */
    public Path workDirectory() {
        return buildDirectory.resolve("event-contracts");
    }

    /** {@code target/event-contracts/endpoints.properties}. */
    public Path endpointsFile() {
        return workDirectory().resolve("endpoints.properties");
    }
}
