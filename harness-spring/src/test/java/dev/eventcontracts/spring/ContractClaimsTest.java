package dev.eventcontracts.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.good.GoodParcelApp;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What {@code @EventConsumer} claims on a {@code @RabbitListener} ({@code deadLetterQueue},
 * {@code maxAttempts}) held against the service's real configuration: GoodParcelApp dead-letters
 * to {@code parcels.scanned.dlq} after 3 attempts (stateless retry, {@code max-retries=2}: one broker
 * delivery).
 */
class ContractClaimsTest {

    private static ScenarioResult runApp(
            Class<?> app, UnaryOperator<ServiceContract.Builder> claims, Scenario scenario) {
        ServiceContract contract = claims.apply(ServiceContract.builder(app, ParcelListener.class, "onScanned")
                        .queue("parcels.scanned"))
                .build();
        try (ServiceSession session =
                ServiceSession.start(contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)))) {
            return session.run(scenario);
        }
    }

    private static ScenarioResult[] run(UnaryOperator<ServiceContract.Builder> claims, Scenario... scenarios) {
        ServiceContract contract = claims.apply(
                        ServiceContract.builder(GoodParcelApp.class, ParcelListener.class, "onScanned")
                                .queue("parcels.scanned"))
                .build();
        try (ServiceSession session =
                ServiceSession.start(contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)))) {
            ScenarioResult[] out = new ScenarioResult[scenarios.length];
            for (int i = 0; i < scenarios.length; i++) {
                out[i] = session.run(scenarios[i]);
            }
            return out;
        }
    }

    @Test
    void claimsThatMatchTheConfiguration_pass() {
        ScenarioResult[] r = run(
                b -> b.claimedDeadLetterQueue("parcels.scanned.dlq").claimedMaxAttempts(3),
                Scenario.UNDECODABLE_BYTES,
                Scenario.RETRIES_EXHAUSTED);

        assertThat(r).allSatisfy(x -> assertThat(x.status()).as(x.describe()).isEqualTo(ScenarioStatus.PASSED));
    }

    @Test
    void claimedMaxAttempts_otherThanTheRetryConfiguration_failsNamingBoth() {
        ScenarioResult r = run(b -> b.claimedMaxAttempts(5), Scenario.RETRIES_EXHAUSTED)[0];

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message())
                .contains("ParcelListener#onScanned: @EventConsumer claims maxAttempts 5")
                .contains("tried an event whose every attempt fails (injected: as if its database stayed down) 3 times")
                .contains("dead-lettered to 'parcels.scanned.dlq' (1 delivery by the broker")
                .contains("spring.rabbitmq.listener.simple.retry.max-retries = 2");
        assertThat(r.fix())
                .contains(
                        "@EventConsumer(maxAttempts = 3)",
                        "spring.rabbitmq.listener.simple.retry.max-retries: 4 (5 attempts)");
    }

    @Test
    void retryMaxAttempts_ignoredBySpringBoot4_isNamedWhenTheClaimDisagrees() {
        ScenarioResult r = runApp(
                dev.eventcontracts.spring.samples.oldretry.OldRetryPropertyApp.class,
                b -> b.claimedMaxAttempts(2),
                Scenario.RETRIES_EXHAUSTED);

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message())
                .contains("tried an event whose every attempt fails (injected: as if its database stayed down) 4 times")
                .contains("spring.rabbitmq.listener.simple.retry.max-retries = 3 (Spring's default)")
                .contains("spring.rabbitmq.listener.simple.retry.max-attempts = 2 is ignored by Spring Boot 4");
    }

    @Test
    void claimedDeadLetterQueue_otherThanWhereTheServiceDeadLetters_failsNamingBoth() {
        ScenarioResult r = run(b -> b.claimedDeadLetterQueue("parcels.scanned.errors"), Scenario.UNDECODABLE_BYTES)[0];

        assertThat(r.status()).as(r.describe()).isEqualTo(ScenarioStatus.FAILED);
        assertThat(r.message())
                .contains("ParcelListener#onScanned: @EventConsumer claims deadLetterQueue 'parcels.scanned.errors'")
                .contains("dead-lettered undecodable bytes to 'parcels.scanned.dlq'");
        assertThat(r.fix()).contains("@EventConsumer(deadLetterQueue = \"parcels.scanned.dlq\")");
    }
}
