package dev.eventcontracts.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics of one test run on one cluster. Every name gets the run's id as a suffix ({@code
 * orders.placed.ec-3f9a1c}), so runs sharing a real cluster never see each other's records;
 * {@link #close()} deletes every topic this object created.
 */
public final class RunTopics implements AutoCloseable {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_NAME = 249;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String runId;
    private final Admin admin;
    private final List<String> created = new ArrayList<>();

    RunTopics(String bootstrapServers, String runId) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (runId == null || !LEGAL.matcher(runId).matches()) {
            throw new IllegalArgumentException("Run id '" + runId
                    + "' cannot be part of a Kafka topic name: use letters, digits, '.', '_' and '-' only.");
        }
        this.runId = runId;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "event-contracts-topics-" + runId));
    }

    /** A fresh run id: {@code ec-} and 8 hex digits. */
    public static String newRunId() {
        return "ec-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** The run-unique name for {@code base}, without creating it. */
    public String name(String base) {
        String name = base + "." + runId;
        if (!LEGAL.matcher(base).matches() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("Topic name '" + name + "' is not a legal Kafka topic name: use at most "
                    + (MAX_NAME - runId.length() - 1) + " letters, digits, '.', '_' and '-' in '" + base + "'.");
        }
        return name;
    }

    /**
     * Creates the run-unique topic for {@code base} with {@code partitions} partitions and the
     * cluster's default replication, and returns its name once the cluster lists it.
     *
     * @throws TopicException the cluster refused or did not answer
     */
    public String create(String base, int partitions) {
        String name = name(base);
        NewTopic topic = new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty());
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (created) {
                created.add(name);
            }
            awaitListed(name);
        } catch (ExecutionException | TimeoutException e) {
            throw failed("create", name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("create", name, e);
        }
        return name;
    }

    /**
     * The controller has committed the topic when {@code createTopics} completes; the brokers'
     * metadata follows a moment later. Returning only once the topic is listed means the caller's
     * clients never see "unknown topic" for a topic this run created.
     */
    private void awaitListed(String name) throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long pause = 5;
        while (!admin.listTopics()
                .names()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .contains(name)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic created but not listed within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 200);
        }
    }

    /**
     * The names of all topics on the cluster (not only this run's).
     *
     * @throws TopicException the cluster did not answer
     */
    public java.util.Set<String> existing() {
        try {
            return admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw failed("list", "*", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("list", "*", e);
        }
    }

    /** The topics created so far, in order. */
    public List<String> created() {
        synchronized (created) {
            return List.copyOf(created);
        }
    }

    /**
     * Deletes every topic created here and closes the admin client.
     *
     * @throws TopicException a topic could not be deleted (the others are deleted anyway)
     */
    @Override
    public void close() {
        List<String> names = created();
        try {
            if (!names.isEmpty()) {
                admin.deleteTopics(names).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw failed("delete", String.join(", ", names), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("delete", String.join(", ", names), e);
        } finally {
            synchronized (created) {
                created.clear();
            }
            admin.close(Duration.ofSeconds(5));
        }
    }

    private TopicException failed(String action, String name, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new TopicException(
                "Cannot " + action + " Kafka topic '" + name + "' on '" + bootstrapServers + "': "
                        + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                        + ". The account needs CREATE and DELETE on topics matching '*." + runId
                        + "' (and delete.topic.enable=true on the cluster).",
                cause);
    }
}
