package dev.eventcontracts.plugin.deploy;

import dev.eventcontracts.plugin.discovery.ConsumerDiscovery;
import dev.eventcontracts.plugin.discovery.ConsumerModel;
import dev.eventcontracts.plugin.discovery.DiscoveryRequest;
import dev.eventcontracts.plugin.problems.InvalidParameterException;
import dev.eventcontracts.plugin.readers.FieldReadAnalysis;
import dev.eventcontracts.plugin.schemas.LocalSchema;
import dev.eventcontracts.plugin.schemas.ProjectSchemas;
import dev.eventcontracts.registry.consumers.ConsumerContract;
import dev.eventcontracts.registry.consumers.Deployment;
import dev.eventcontracts.registry.consumers.FieldRead;
import dev.eventcontracts.registry.consumers.ProducedSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this service reads and writes: a consumer contract per discovered consumer (its subject,
 * the reader schema from the project's schema directory, the fields its code reads) and the
 * writer schemas of the subjects it produces.
 */
final class ServiceContracts {

    /**
     * The collected contracts.
     *
     * @param reads one contract per subject read (several handlers of a subject merge their reads)
     * @param writes the produced writer schemas
     * @param notes consumers left out, and why
     */
    record Collected(List<ConsumerContract> reads, List<ProducedSchema> writes, List<String> notes) {

        Deployment deployment(DeployConfig config) {
            return new Deployment(config.environment(), config.service(), config.version(), reads, writes);
        }
    }

    Collected collect(DeployConfig config) {
        List<LocalSchema> schemas = ProjectSchemas.load(config.schemas());
        List<Path> main =
                config.mainSourceRoots().stream().filter(Files::isDirectory).toList();
        List<Path> test =
                config.testSourceRoots().stream().filter(Files::isDirectory).toList();
        List<Path> schemaDirs = Files.isDirectory(config.schemas().schemaDirectory())
                ? List.of(config.schemas().schemaDirectory())
                : List.of();
        List<ConsumerModel> consumers = main.isEmpty()
                ? List.of()
                : new ConsumerDiscovery()
                        .discover(new DiscoveryRequest(main, test, List.of(), schemaDirs))
                        .consumers();
        FieldReadAnalysis analysis = new FieldReadAnalysis(config.schemas().projectDirectory(), main);
        Map<String, ConsumerContract> bySubject = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (ConsumerModel consumer : consumers) {
            if (!consumer.schema().avro()) {
                notes.add("consumer " + consumer.id() + " reads "
                        + consumer.schema().kind() + " payload '"
                        + consumer.schema().fullName()
                        + "': consumer contracts cover Avro schemas only, none recorded.");
                continue;
            }
            Optional<LocalSchema> reader = schemas.stream()
                    .filter(s ->
                            s.schema().getFullName().equals(consumer.schema().fullName()))
                    .findFirst();
            if (reader.isEmpty()) {
                notes.add("consumer " + consumer.id() + " reads '"
                        + consumer.schema().fullName()
                        + "', which is not in the schema directory: no contract recorded. Put its .avsc in "
                        + config.schemas().schemaDirectory().getFileName() + ".");
                continue;
            }
            String subject = reader.get().subject();
            List<FieldRead> reads =
                    new ArrayList<>(analysis.reads(consumer, reader.get().schema()));
            ConsumerContract earlier = bySubject.get(subject);
            if (earlier != null) {
                reads.addAll(earlier.reads());
            }
            bySubject.put(
                    subject,
                    new ConsumerContract(
                            config.service(),
                            config.version(),
                            subject,
                            reader.get().schema(),
                            reads));
        }
        return new Collected(List.copyOf(bySubject.values()), writes(config, schemas, bySubject.keySet()), notes);
    }

    private static List<ProducedSchema> writes(DeployConfig config, List<LocalSchema> schemas, Set<String> read) {
        if (config.producedSubjects() == null) {
            return schemas.stream()
                    .filter(s -> !read.contains(s.subject()))
                    .map(s -> new ProducedSchema(s.subject(), s.schema()))
                    .toList();
        }
        List<ProducedSchema> writes = new ArrayList<>();
        for (String subject : config.producedSubjects()) {
            LocalSchema schema = schemas.stream()
                    .filter(s -> s.subject().equals(subject))
                    .findFirst()
                    .orElseThrow(() -> new InvalidParameterException(
                            "<producedSubjects>",
                            null,
                            subject,
                            "name a subject of the schema directory; it has: "
                                    + new TreeSet<>(schemas.stream()
                                            .map(LocalSchema::subject)
                                            .toList())
                                    + "."));
            writes.add(new ProducedSchema(subject, schema.schema()));
        }
        return writes;
    }
}
