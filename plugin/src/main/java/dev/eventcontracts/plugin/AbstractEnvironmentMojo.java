package dev.eventcontracts.plugin;

import dev.eventcontracts.plugin.lifecycle.EnvironmentConfig;
import java.io.File;
import java.util.Map;
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

    /**
     * Whether to start a real Kafka broker (Apache Kafka, KRaft, in Maven's JVM) next to the
     * harness broker: {@code auto} (default) starts it when {@code generate-contract-tests} found
     * {@code @KafkaListener} consumers; {@code true} always; {@code false} never. Its address is
     * exported as {@code eventcontracts.kafka.bootstrap}. See docs/kafka.md.
     *
     * <pre>{@code
     * <kafka>auto</kafka>
     * }</pre>
     */
    @Parameter(property = "eventcontracts.kafka")
    private String kafka;

    /**
     * A running Kafka cluster to use instead of starting one, as {@code host:port[,host:port…]};
     * the tests then create run-unique topics there and delete them afterwards. Default: none.
     *
     * <pre>{@code
     * mvn verify -Deventcontracts.kafka.bootstrap=kafka.staging:9092
     * }</pre>
     */
    @Parameter(property = "eventcontracts.kafka.bootstrap")
    private String kafkaBootstrap;

    /** The one config record of the environment goals. */
    protected EnvironmentConfig environmentConfig() {
        quietKafkaLogging();
        return new EnvironmentConfig(
                projectDirectory(),
                buildDirectory(),
                amqpPort,
                bindAddress,
                registry,
                registryPort,
                path(registryDirectory),
                path(definitions),
                kafka,
                kafkaBootstrap);
    }

    /**
     * Kafka logs every step of its start at INFO; in a build only its warnings are news, except two
     * it always gives for a fresh single-node cluster (controller activation on an empty metadata
     * log; closing the registration channel twice at shutdown). Maven's SLF4J logger reads a
     * logger's level from system properties when the logger is created, so this takes effect for
     * the broker's loggers unless the user set these properties.
     */
    private static void quietKafkaLogging() {
        Map<String, String> levels = Map.of(
                "kafka", "warn",
                "org.apache.kafka", "warn",
                "state.change.logger", "warn",
                "org.apache.kafka.controller.QuorumController", "error",
                "org.apache.kafka.clients.NetworkClient", "error");
        levels.forEach((logger, level) -> {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, level);
            }
        });
    }
}
