package dev.eventcontracts.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A running Kafka cluster named by {@code -Deventcontracts.kafka.bootstrap=host:9092}: the same
 * tests run against it, on topics with run-unique names that are deleted afterwards ({@link
 * RunTopics}). Connecting checks that the cluster answers, so a wrong address fails at once with
 * its value instead of as a timeout in every test.
 */
public final class ExternalKafka implements KafkaCluster {

    private final String bootstrapServers;

    private ExternalKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Checks that {@code bootstrapServers} answers within {@code timeout}.
     *
     * @throws KafkaUnreachableException no broker answered
     * @throws IllegalArgumentException the value is blank
     */
    public static ExternalKafka connect(String bootstrapServers, Duration timeout) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(BOOTSTRAP_PROPERTY
                    + " is blank: give host:port[,host:port…], or leave it unset for the embedded broker.");
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Map<String, Object> settings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.CLIENT_ID_CONFIG, "event-contracts-probe");
        try (Admin admin = Admin.create(settings)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                    .clusterId()
                    .get(millis + 1000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable(bootstrapServers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(bootstrapServers, timeout, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw unreachable(bootstrapServers, timeout, e);
        }
        return new ExternalKafka(bootstrapServers);
    }

    private static KafkaUnreachableException unreachable(String bootstrap, Duration timeout, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new KafkaUnreachableException(
                bootstrap,
                "No Kafka broker answered at '" + bootstrap + "' (" + BOOTSTRAP_PROPERTY + ") within "
                        + timeout.toMillis() + " ms: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                        + ". Check host, port and network, or unset " + BOOTSTRAP_PROPERTY
                        + " to run on the embedded broker.",
                cause);
    }

    /**
     * The cluster the tests use: the external one when {@code bootstrapServers} is given (not null or
     * blank), otherwise a newly started {@link EmbeddedKafka}.
     */
    public static KafkaCluster orEmbedded(String bootstrapServers, Duration timeout) {
        return bootstrapServers == null || bootstrapServers.isBlank()
                ? EmbeddedKafka.startDefault()
                : connect(bootstrapServers, timeout);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String description() {
        return "external Kafka at " + bootstrapServers;
    }

    /** Nothing to stop: the cluster is not ours. */
    @Override
    public void close() {}
}
