package dev.eventcontracts.registry.consumers.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventcontracts.registry.compat.CompatibilityChecker;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.RandomEvolution;
import dev.eventcontracts.registry.consumers.ConsumerCheck;
import dev.eventcontracts.registry.consumers.ConsumerContract;
import dev.eventcontracts.registry.consumers.ContractRegistry;
import dev.eventcontracts.registry.consumers.FieldRead;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The {@code CONSUMERS} level beside the history check (see {@code docs/benchmarks.md}): 20
 * subjects with 20 versions each, 100 consumer services reading every subject (service {@code s}
 * compiled against version {@code s % 20}), one candidate per subject. Measured in one JVM,
 * alternating: the history check ({@code FULL_TRANSITIVE}, 20 × 40 pairs), {@code CONSUMERS} over
 * the 2,000 readers in memory, {@code CONSUMERS} including reading the 2,000 contracts from the
 * committed file store, and raw Avro over the same 2,000 reader/writer pairs. Medians of thread
 * CPU time and of wall time.
 */
public final class ConsumersBench {

    private static final int SUBJECTS = 20;
    private static final int VERSIONS = 20;
    private static final int SERVICES = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Subject(String name, List<Schema> history, Schema candidate, List<ConsumerContract> readers) {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        boolean broken = args.length > 1 && args[1].equals("broken");
        List<Subject> subjects = subjects(broken);
        Path store = Files.createTempDirectory("consumers-bench");
        long setup = System.nanoTime();
        try (ContractRegistry registry = ContractRegistry.fileStore(store)) {
            for (Subject subject : subjects) {
                for (ConsumerContract reader : subject.readers()) {
                    registry.register(reader);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "java %s, %d cores; %d subjects x %d versions, %d consumer services; %s candidates; store written in %.1f s%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                SUBJECTS,
                VERSIONS,
                SERVICES,
                broken ? "broken" : "compatible",
                (System.nanoTime() - setup) / 1e9);
        CompatibilityChecker checker = new CompatibilityChecker();
        ConsumerCheck consumers = new ConsumerCheck();
        List<IntSupplier> runs = List.of(
                () -> history(checker, subjects),
                () -> consumers(consumers, subjects),
                () -> consumersFromStore(consumers, subjects, store),
                () -> avro(subjects));
        String[] names = {
            "history FULL_TRANSITIVE (800 pairs)",
            "CONSUMERS in memory (2,000 pairs)",
            "CONSUMERS + file store read",
            "raw Avro (2,000 pairs)"
        };
        long[][] cpu = new long[runs.size()][rounds];
        long[][] wall = new long[runs.size()][rounds];
        int[] verdicts = new int[runs.size()];
        for (int w = 0; w < 3; w++) {
            runs.forEach(IntSupplier::getAsInt);
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < runs.size(); i++) {
                long wallStart = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                verdicts[i] = runs.get(i).getAsInt();
                cpu[i][r] = THREADS.getCurrentThreadCpuTime() - cpuStart;
                wall[i][r] = System.nanoTime() - wallStart;
            }
        }
        if (verdicts[1] != verdicts[3] || verdicts[2] != verdicts[3]) {
            throw new IllegalStateException("verdicts differ: " + Arrays.toString(verdicts));
        }
        for (int i = 0; i < runs.size(); i++) {
            Arrays.sort(cpu[i]);
            Arrays.sort(wall[i]);
            System.out.printf(
                    Locale.ROOT,
                    "%-38s breaking %4d | CPU median %8.1f ms (min %.1f, max %.1f) | wall median %8.1f ms%n",
                    names[i],
                    verdicts[i],
                    cpu[i][rounds / 2] / 1e6,
                    cpu[i][0] / 1e6,
                    cpu[i][rounds - 1] / 1e6,
                    wall[i][rounds / 2] / 1e6);
        }
    }

    private static int history(CompatibilityChecker checker, List<Subject> subjects) {
        int incompatible = 0;
        for (Subject s : subjects) {
            incompatible += checker.check(CompatibilityLevel.FULL_TRANSITIVE, s.history(), s.candidate())
                            .compatible()
                    ? 0
                    : 1;
        }
        return incompatible;
    }

    /** The number of consumer readers that cannot read their subject's candidate. */
    private static int consumers(ConsumerCheck check, List<Subject> subjects) {
        int breaking = 0;
        for (Subject s : subjects) {
            breaking += (int) check.check(s.name(), s.candidate(), s.readers()).verdicts().stream()
                    .filter(v -> !v.compatible())
                    .count();
        }
        return breaking;
    }

    private static int consumersFromStore(ConsumerCheck check, List<Subject> subjects, Path store) {
        int breaking = 0;
        try (ContractRegistry registry = ContractRegistry.fileStore(store)) {
            for (Subject s : subjects) {
                breaking += (int)
                        check.check(s.name(), s.candidate(), registry.latestPerService(s.name())).verdicts().stream()
                                .filter(v -> !v.compatible())
                                .count();
            }
        }
        return breaking;
    }

    private static int avro(List<Subject> subjects) {
        int breaking = 0;
        for (Subject s : subjects) {
            for (ConsumerContract reader : s.readers()) {
                breaking += SchemaCompatibility.checkReaderWriterCompatibility(reader.reader(), s.candidate())
                                        .getType()
                                == SchemaCompatibilityType.INCOMPATIBLE
                        ? 1
                        : 0;
            }
        }
        return breaking;
    }

    private static List<Subject> subjects(boolean broken) {
        List<Subject> subjects = new ArrayList<>(SUBJECTS);
        for (int s = 0; s < SUBJECTS; s++) {
            RandomEvolution evolution = new RandomEvolution(s);
            String name = "shop.Subject" + s;
            ObjectNode json = evolution.record("Subject" + s, 8, 2);
            List<Schema> history = new ArrayList<>(VERSIONS);
            for (int v = 0; v < VERSIONS; v++) {
                history.add(RandomEvolution.parse(json));
                json = json.deepCopy();
                ((ArrayNode) json.get("fields"))
                        .addObject()
                        .put("name", "added" + v)
                        .putNull("default")
                        .putArray("type")
                        .add("null")
                        .add("string");
            }
            Schema candidate = RandomEvolution.parse(broken ? evolution.evolve(json) : json);
            List<ConsumerContract> readers = new ArrayList<>(SERVICES);
            for (int c = 0; c < SERVICES; c++) {
                Schema reader = history.get(c % VERSIONS);
                String firstField = reader.getFields().get(0).name();
                readers.add(new ConsumerContract(
                        String.format(Locale.ROOT, "svc-%03d", c),
                        "1." + c + ".0",
                        name,
                        reader,
                        List.of(new FieldRead(firstField, "src/main/java/Handler.java", 10 + c))));
            }
            subjects.add(new Subject(name, history, candidate, readers));
        }
        return subjects;
    }
}
