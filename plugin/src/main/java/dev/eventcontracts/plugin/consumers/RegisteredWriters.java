package dev.eventcontracts.plugin.consumers;

import dev.eventcontracts.plugin.discovery.ConsumerModel;
import dev.eventcontracts.plugin.schemas.RegistrySelection;
import dev.eventcontracts.plugin.schemas.SubjectRegistry;
import dev.eventcontracts.registry.compat.VersionedSchema;
import dev.eventcontracts.registry.gateway.RegisteredSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Feeds the registered history of each consumer's subject (the payload schema's full name) into
 * scenario (n), read from the selected registry (the committed file store or a remote one): every registered version is written as {@code <subject>.v<N>.avsc} into a
 * directory under {@code target/} and added to the consumer's older writer schemas, unless a
 * schema with the same canonical form is already there or is the consumer's current schema. Kafka
 * service mode takes the same versions for its listeners' Avro payloads ({@link #olderVersions}).
 */
public final class RegisteredWriters {

    private final RegistrySelection registry;
    private final Path writersDirectory;

    /**
     * @param registry the registry; a file store that does not exist adds nothing
     * @param writersDirectory where the registered versions are written
     */
    public RegisteredWriters(RegistrySelection registry, Path writersDirectory) {
        this.registry = registry;
        this.writersDirectory = writersDirectory;
    }

    /**
     * One consumer with its writer versions.
     *
     * @param model the consumer with the registered versions added to {@code previousWriterSchemas}
     * @param writerLabels every writer version scenario (n) tries, oldest first, ending with the
     *     current schema, e.g. {@code [v1, v2 (current)]}
     */
    record Enriched(ConsumerModel model, List<String> writerLabels) {

        Enriched {
            writerLabels = List.copyOf(writerLabels);
        }
    }

    /** Adds the registered versions to each consumer whose subject the registry knows. */
    List<Enriched> enrich(List<ConsumerModel> consumers) throws IOException {
        Map<String, List<VersionedSchema>> histories = histories(consumers);
        Set<Path> written = new HashSet<>();
        List<Enriched> result = new ArrayList<>();
        for (ConsumerModel consumer : consumers) {
            result.add(
                    consumer.schema().avro()
                            ? enrich(
                                    consumer,
                                    histories.getOrDefault(consumer.schema().fullName(), List.of()),
                                    written)
                            : new Enriched(consumer, List.of())); // JSON and raw payloads have no writer versions
        }
        removeStale(written);
        return result;
    }

    /**
     * The registered versions of each Avro subject other than its current schema, written as
     * {@code <subject>.v<N>.avsc}, oldest first; for Kafka service mode, which has no {@link
     * ConsumerModel}. Files of subjects not asked for are removed from the writers directory.
     *
     * @param currentBySubject each subject (a schema's full name) with its current {@code .avsc}
     */
    public Map<String, List<Path>> olderVersions(Map<String, Path> currentBySubject) throws IOException {
        Map<String, List<VersionedSchema>> histories = subjectHistories(currentBySubject.keySet());
        Set<Path> written = new HashSet<>();
        Map<String, List<Path>> result = new HashMap<>();
        for (var e : currentBySubject.entrySet()) {
            String current = canonical(e.getValue());
            Set<String> seen = new LinkedHashSet<>();
            List<Path> writers = new ArrayList<>();
            for (VersionedSchema version : histories.getOrDefault(e.getKey(), List.of())) {
                Path file = write(e.getKey(), version, written);
                String form = RegisteredSchema.canonicalForm(version.schema());
                if (!form.equals(current) && seen.add(form)) {
                    writers.add(file);
                }
            }
            result.put(e.getKey(), List.copyOf(writers));
        }
        removeStale(written);
        return result;
    }

    private Map<String, List<VersionedSchema>> histories(List<ConsumerModel> consumers) throws IOException {
        return subjectHistories(consumers.stream()
                .filter(c -> c.schema().avro())
                .map(c -> c.schema().fullName())
                .distinct()
                .toList());
    }

    private Map<String, List<VersionedSchema>> subjectHistories(Collection<String> avroSubjects) throws IOException {
        Map<String, List<VersionedSchema>> histories = new HashMap<>();
        if (avroSubjects.isEmpty()) {
            return histories;
        }
        try (SubjectRegistry subjects = SubjectRegistry.open(registry, false)) {
            for (String subject : avroSubjects) {
                if (!histories.containsKey(subject)) {
                    histories.put(subject, subjects.history(subject));
                }
            }
        } catch (IOException e) {
            String fix = registry.remote()
                    ? "Check that <registryUrl> is reachable from this build."
                    : "Fix or restore the store (see docs/registry.md), or point <registryDirectory> at the committed one.";
            throw new IOException(
                    "Cannot read the registered writer versions from " + registry.describe() + ": " + e.getMessage()
                            + ". " + fix,
                    e);
        }
        return histories;
    }

    private Enriched enrich(ConsumerModel consumer, List<VersionedSchema> history, Set<Path> written)
            throws IOException {
        String current = canonical(consumer.schema().avscFile());
        Set<String> seen = new LinkedHashSet<>();
        List<Path> writers = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Path file : consumer.previousWriterSchemas()) {
            String form = canonical(file);
            if (form == null || seen.add(form)) {
                writers.add(file);
                labels.add(file.getFileName().toString());
            }
        }
        boolean currentRegistered = false;
        String subject = consumer.schema().fullName();
        for (VersionedSchema version : history) {
            Path file = write(subject, version, written);
            String form = RegisteredSchema.canonicalForm(version.schema());
            if (form.equals(current)) {
                labels.add("v" + version.version() + " (current)");
                currentRegistered = true;
            } else if (seen.add(form)) {
                writers.add(file);
                labels.add("v" + version.version());
            }
        }
        if (!currentRegistered) {
            labels.add("current");
        }
        if (history.isEmpty()) {
            return new Enriched(consumer, labels);
        }
        return new Enriched(withWriters(consumer, writers), labels);
    }

    private Path write(String subject, VersionedSchema version, Set<Path> written) throws IOException {
        Path file = writersDirectory.resolve(subject + ".v" + version.version() + ".avsc");
        if (written.add(file)) {
            byte[] text = (version.schema().toString(true) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(writersDirectory);
            if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), text)) {
                Files.write(file, text);
            }
        }
        return file;
    }

    private void removeStale(Set<Path> written) throws IOException {
        if (!Files.isDirectory(writersDirectory)) {
            return;
        }
        try (Stream<Path> files = Files.list(writersDirectory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
                if (!written.contains(file)) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The registry's canonical form of an {@code .avsc} file, or null when it cannot be parsed alone. */
    private static String canonical(Path avsc) {
        if (avsc == null || !Files.isRegularFile(avsc)) {
            return null;
        }
        try {
            return RegisteredSchema.canonicalForm(new Schema.Parser().parse(avsc.toFile()));
        } catch (IOException | SchemaParseException e) {
            return null;
        }
    }

    private static ConsumerModel withWriters(ConsumerModel c, List<Path> writers) {
        return new ConsumerModel(
                c.consumerClass(),
                c.packageName(),
                c.handler(),
                c.payloadType(),
                c.annotation(),
                c.queue(),
                c.exchange(),
                c.routingKey(),
                c.deadLetterQueue(),
                c.maxAttempts(),
                c.nonRetryable(),
                c.idempotencyKey(),
                c.ignoreEffectPaths(),
                c.fixtureClass(),
                c.schema(),
                writers,
                c.file(),
                c.line(),
                c.kafka(),
                c.orderedBy(),
                c.wireFormat());
    }
}
