package dev.eventcontracts.registry.consumers;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What one version of a consumer service reads from one subject: the reader schema its code
 * decodes with, and the fields its code reads. Producers check their writer schemas against these
 * readers ({@link ConsumerCheck}).
 *
 * @param service the consumer service, e.g. {@code inventory-svc} (the Maven artifactId)
 * @param version the service version, e.g. {@code 1.4.0}
 * @param subject the subject it reads, e.g. {@code shop.OrderPlaced}
 * @param reader the reader schema (the schema its generated class or {@code .avsc} comes from)
 * @param reads the fields its code reads, sorted by field, file and line
 */
public record ConsumerContract(String service, String version, String subject, Schema reader, List<FieldRead> reads) {

    /** Checks the parts and sorts the reads. */
    public ConsumerContract {
        ContractNames.check("service", service);
        ContractNames.check("version", version);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reader, "reader");
        reads = reads.stream()
                .sorted(Comparator.comparing(FieldRead::field)
                        .thenComparing(FieldRead::file)
                        .thenComparingInt(FieldRead::line))
                .distinct()
                .toList();
    }

    /** The first place where the code reads the field (or a field inside it, or the record holding it). */
    public Optional<FieldRead> readOf(String fieldPath) {
        return reads.stream()
                .filter(r -> r.field().equals(fieldPath))
                .findFirst()
                .or(() -> reads.stream().filter(r -> r.touches(fieldPath)).findFirst());
    }

    /** {@code inventory-svc 1.4.0}. */
    public String label() {
        return service + " " + version;
    }
}
