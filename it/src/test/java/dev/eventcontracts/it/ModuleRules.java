package dev.eventcontracts.it;

import java.util.List;
import java.util.Map;

/**
 * The allowed directions between modules, from the README modules table, as import prefixes each module's
 * main sources must not use. Tests and generated code are not checked.
 */
final class ModuleRules {

    record Rule(String module, String basePackage, List<String> forbiddenImports) {}

    private static final String MAVEN = "org.apache.maven";
    private static final String JUNIT = "org.junit";

    static final List<Rule> RULES = List.of(
            new Rule(
                    "annotations",
                    "dev.eventcontracts.annotations",
                    // zero dependencies: nothing outside the JDK
                    List.of("dev.eventcontracts.", "org.", "com.", "io.", "net.", "picocli.")),
            new Rule(
                    "harness-broker",
                    "dev.eventcontracts.broker",
                    List.of(
                            MAVEN,
                            JUNIT,
                            "org.apache.avro",
                            "io.apicurio",
                            "com.github.javaparser",
                            "com.rabbitmq",
                            "dev.eventcontracts.registry",
                            "dev.eventcontracts.junit",
                            "dev.eventcontracts.plugin",
                            "dev.eventcontracts.annotations")),
            new Rule(
                    "schema-registry",
                    "dev.eventcontracts.registry",
                    // Netty for the HTTP server (issue 19: slow clients must not hold request threads)
                    List.of(
                            MAVEN,
                            JUNIT,
                            "com.github.javaparser",
                            "com.rabbitmq",
                            "dev.eventcontracts.broker",
                            "dev.eventcontracts.junit",
                            "dev.eventcontracts.plugin",
                            "dev.eventcontracts.annotations")),
            new Rule(
                    "harness-kafka",
                    "dev.eventcontracts.kafka",
                    // a real Kafka broker and wire formats: a plain library like the broker and the registry
                    List.of(
                            MAVEN,
                            JUNIT,
                            "io.netty",
                            "io.apicurio",
                            "com.github.javaparser",
                            "com.rabbitmq",
                            "dev.eventcontracts.broker",
                            "dev.eventcontracts.registry",
                            "dev.eventcontracts.junit",
                            "dev.eventcontracts.plugin",
                            "dev.eventcontracts.annotations")),
            new Rule(
                    "harness-junit",
                    "dev.eventcontracts.junit",
                    List.of(
                            MAVEN,
                            "com.github.javaparser",
                            "dev.eventcontracts.plugin",
                            "dev.eventcontracts.spring",
                            "org.springframework")),
            // service mode: the service's own Spring stack, the broker's public API, and harness-junit's
            // runtime pieces it shares with plain mode (effects and their normalizer, the results
            // writer, findings, Avro samples for a service whose payloads are Avro: docs/service-mode.md)
            new Rule(
                    "harness-spring",
                    "dev.eventcontracts.spring",
                    List.of(
                            MAVEN,
                            "com.github.javaparser",
                            "io.apicurio",
                            "io.netty",
                            "com.github.tomakehurst",
                            "dev.eventcontracts.plugin",
                            "dev.eventcontracts.registry",
                            "dev.eventcontracts.broker.core",
                            "dev.eventcontracts.broker.amqp")),
            new Rule(
                    "plugin",
                    "dev.eventcontracts.plugin",
                    List.of("dev.eventcontracts.junit", "dev.eventcontracts.spring", "org.springframework")));

    /** Modules whose code may import {@code org.apache.maven}: only the plugin. */
    static final Map<String, Boolean> MAY_IMPORT_MAVEN = Map.of("plugin", true);

    private ModuleRules() {}
}
