package dev.eventcontracts.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GenerateRuntimeCheckTest {

    @Test
    void plainMode_withHarnessJunitAndItsDependencies_isSatisfied() {
        assertThat(GenerateContractTestsMojo.missingRuntime(
                        Set.of(
                                "dev.eventcontracts:event-contracts-harness-junit",
                                "org.apache.avro:avro",
                                "com.rabbitmq:amqp-client"),
                        false,
                        "1.0"))
                .isEmpty();
    }

    @Test
    void plainMode_withOnlyHarnessSpring_namesTheDependencyToAdd() {
        assertThat(GenerateContractTestsMojo.missingRuntime(
                        Set.of(
                                "dev.eventcontracts:event-contracts-harness-spring",
                                "dev.eventcontracts:event-contracts-harness-junit",
                                "com.rabbitmq:amqp-client"),
                        false,
                        "1.0"))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("org.apache.avro:avro is missing")
                        .contains("<artifactId>event-contracts-harness-junit</artifactId><version>1.0</version>"
                                + "<scope>test</scope>")
                        .contains("<serviceMode>auto</serviceMode>"));
    }

    @Test
    void serviceMode_withoutHarnessSpring_namesIt() {
        assertThat(GenerateContractTestsMojo.missingRuntime(Set.of("org.apache.avro:avro"), true, "1.0"))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("service-mode")
                        .contains("dev.eventcontracts:event-contracts-harness-spring is missing"));
        assertThat(GenerateContractTestsMojo.missingRuntime(
                        Set.of("dev.eventcontracts:event-contracts-harness-spring"), true, "1.0"))
                .isEmpty();
    }
}
