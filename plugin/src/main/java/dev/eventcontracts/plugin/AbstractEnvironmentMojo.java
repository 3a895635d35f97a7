package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.lifecycle.EnvironmentConfig;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters {@code start} and {@code run} share: ports, bind address, embedded registry. */
public abstract class AbstractEnvironmentMojo extends AbstractEventContractsMojo {

    /**
     * The broker's AMQP port. Default: 0, a free port chosen at start (the URI is exported, so
     * tests never need a fixed port).
     *
     * <pre>{@code
     * <amqpPort>0</amqpPort>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.amqpPort")
    private Integer amqpPort;

    /**
     * The address the broker binds. Default: {@code 127.0.0.1} (loopback only).
     *
     * <pre>{@code
     * <bindAddress>127.0.0.1</bindAddress>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.bindAddress")
    private String bindAddress;

    /**
     * Whether to start the embedded registry (Apicurio REST v2 on loopback) next to the broker.
     * Default: {@code true}.
     *
     * <pre>{@code
     * <registry>false</registry>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.registry")
    private Boolean registry;

    /**
     * The embedded registry's HTTP port. Default: 0, a free port.
     *
     * <pre>{@code
     * <registryPort>0</registryPort>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.registryPort")
    private Integer registryPort;

    /**
     * The committed registry file store the embedded registry starts from. It is copied to
     * {@code target/event-contracts/registry}, never written. Default: {@code src/main/registry};
     * when missing, the registry starts empty.
     *
     * <pre>{@code
     * <registryDirectory>${project.basedir}/src/main/registry</registryDirectory>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.registryDirectory")
    private File registryDirectory;

    /**
     * A RabbitMQ definitions file the harness broker loads at start, so the tests run against the
     * production topology: users and permissions, policies (dead-lettering, TTLs, length limits),
     * exchanges, queues and bindings of vhost {@code /}, as {@code rabbitmqctl export_definitions}
     * or the management API's {@code GET /api/definitions} write them. A file that cannot be
     * loaded fails the build naming the JSON path and the fix. Default: none.
     *
     * <pre>{@code
     * <definitions>${project.basedir}/src/test/resources/rabbitmq-definitions.json</definitions>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.definitions")
    private File definitions;

    /** The one config record of the environment goals. */
    protected EnvironmentConfig environmentConfig() {
        return new EnvironmentConfig(
                projectDirectory(),
                buildDirectory(),
                amqpPort,
                bindAddress,
                registry,
                registryPort,
                path(registryDirectory),
                path(definitions));
    }
}
