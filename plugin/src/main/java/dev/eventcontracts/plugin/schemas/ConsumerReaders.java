package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.registry.consumers.ConsumerContract;
import dev.eventcontracts.registry.consumers.ContractRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The consumer readers the {@code CONSUMERS} level checks a subject's new schema against: the
 * latest contract of each consumer service, or the contracts deployed in an environment.
 */
public interface ConsumerReaders extends AutoCloseable {

    /** The readers of a subject, sorted by service. */
    List<ConsumerContract> readers(String subject) throws IOException;

    /** Which readers, for messages: {@code latest per consumer service} or {@code deployed in production}. */
    String describe();

    /** Releases the registry; does nothing by default. */
    @Override
    default void close() {}

    /** Fixed readers (tests, and a missing file store). */
    static ConsumerReaders of(String describe, List<ConsumerContract> contracts) {
        return new ConsumerReaders() {
            @Override
            public List<ConsumerContract> readers(String subject) {
                return contracts.stream()
                        .filter(c -> c.subject().equals(subject))
                        .toList();
            }

            @Override
            public String describe() {
                return describe;
            }
        };
    }

    /**
     * Opens the readers kept in the selected registry.
     *
     * @param environment only the contracts deployed there; {@code null} for the latest per service
     */
    static ConsumerReaders open(RegistrySelection selection, String environment) {
        String which = environment == null || environment.isBlank()
                ? "latest per consumer service"
                : "deployed in " + environment;
        if (!selection.remote() && !Files.isDirectory(selection.directory())) {
            return of(which, List.of());
        }
        ContractRegistry registry = ContractRegistries.open(selection);
        return new ConsumerReaders() {
            @Override
            public List<ConsumerContract> readers(String subject) throws IOException {
                return ContractRegistries.call(
                        selection,
                        () -> environment == null || environment.isBlank()
                                ? registry.latestPerService(subject)
                                : registry.deployedReaders(environment, subject));
            }

            @Override
            public String describe() {
                return which;
            }

            @Override
            public void close() {
                registry.close();
            }
        };
    }
}
