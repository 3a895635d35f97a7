package dev.eventcontracts.registry.compat.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventcontracts.registry.compat.CompatibilityChecker;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.CompatibilityReport;
import dev.eventcontracts.registry.compat.RandomEvolution;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * 1,000 subjects x 20 versions under FULL_TRANSITIVE: each subject's candidate (version 21) is
 * checked against all 20 previous versions in both directions (40 reader/writer pairs per check).
 * Our {@link CompatibilityChecker} (full diagnostics) and Avro's {@code
 * SchemaCompatibility.checkReaderWriterCompatibility} over the same pairs (what Apicurio does)
 * run alternately in the same JVM; medians of the measured rounds are printed with the ratio, as
 * thread CPU time (robust on a shared machine) and as wall time.
 *
 * <p>Two workloads: compatible candidates (each version adds an optional field, as a registry's
 * accepted history does) and broken candidates (random changes, mostly incompatible, so the
 * diagnostics are built). Run: {@code java -cp <test-classes>:<classes>:<deps> ...CompatibilityBench [rounds]}.
 */
public final class CompatibilityBench {

    private static final int SUBJECTS = 1_000;
    private static final int VERSIONS = 20;

    private record Subject(List<Schema> previous, Schema candidate) {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<Subject> compatible = subjects(false);
        List<Subject> broken = subjects(true);
        System.out.printf(
                Locale.ROOT,
                "java %s, %d cores, max heap %d MB%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        run("compatible candidates", compatible, rounds);
        run("broken candidates", broken, rounds);
    }

    private static void run(String name, List<Subject> subjects, int rounds) {
        CompatibilityChecker checker = new CompatibilityChecker();
        for (int i = 0; i < 3; i++) { // warm-up
            ours(checker, subjects);
            avro(subjects);
        }
        long[] ours = new long[rounds];
        long[] avro = new long[rounds];
        long[] oursWall = new long[rounds];
        long[] avroWall = new long[rounds];
        int problems = 0;
        int incompatible = 0;
        for (int r = 0; r < rounds; r++) {
            long wall = System.nanoTime();
            long start = THREADS.getCurrentThreadCpuTime();
            int[] counts = ours(checker, subjects);
            ours[r] = THREADS.getCurrentThreadCpuTime() - start;
            oursWall[r] = System.nanoTime() - wall;
            problems = counts[0];
            incompatible = counts[1];
            wall = System.nanoTime();
            start = THREADS.getCurrentThreadCpuTime();
            int avroIncompatible = avro(subjects);
            avro[r] = THREADS.getCurrentThreadCpuTime() - start;
            avroWall[r] = System.nanoTime() - wall;
            if (avroIncompatible != incompatible) {
                throw new IllegalStateException("verdicts differ: ours " + incompatible + ", Avro " + avroIncompatible);
            }
        }
        Arrays.sort(ours);
        Arrays.sort(avro);
        Arrays.sort(oursWall);
        Arrays.sort(avroWall);
        double oursMs = ours[rounds / 2] / 1e6;
        double avroMs = avro[rounds / 2] / 1e6;
        System.out.printf(
                Locale.ROOT,
                "%-22s incompatible %4d/%d, %6d incompatibilities | CPU time: ours median %8.1f ms (min %.1f, max %.1f), %6.1f us/check"
                        + " | avro median %8.1f ms (min %.1f, max %.1f), %6.1f us/check | ratio %.2f%n",
                name,
                incompatible,
                subjects.size(),
                problems,
                oursMs,
                ours[0] / 1e6,
                ours[rounds - 1] / 1e6,
                oursMs * 1000 / subjects.size(),
                avroMs,
                avro[0] / 1e6,
                avro[rounds - 1] / 1e6,
                avroMs * 1000 / subjects.size(),
                oursMs / avroMs);
        System.out.printf(
                Locale.ROOT,
                "%-22s wall time: ours median %8.1f ms, avro median %8.1f ms, ratio %.2f%n",
                name,
                oursWall[rounds / 2] / 1e6,
                avroWall[rounds / 2] / 1e6,
                (double) oursWall[rounds / 2] / avroWall[rounds / 2]);
    }

    private static int[] ours(CompatibilityChecker checker, List<Subject> subjects) {
        int problems = 0;
        int incompatible = 0;
        for (Subject subject : subjects) {
            CompatibilityReport report =
                    checker.check(CompatibilityLevel.FULL_TRANSITIVE, subject.previous(), subject.candidate());
            problems += report.incompatibilities().size();
            incompatible += report.compatible() ? 0 : 1;
        }
        return new int[] {problems, incompatible};
    }

    /** Raw Avro over the same pairs, aggregating every version like a transitive registry check. */
    private static int avro(List<Subject> subjects) {
        int incompatible = 0;
        for (Subject subject : subjects) {
            List<SchemaCompatibility.Incompatibility> all = new ArrayList<>();
            for (Schema old : subject.previous()) {
                all.addAll(SchemaCompatibility.checkReaderWriterCompatibility(subject.candidate(), old)
                        .getResult()
                        .getIncompatibilities());
                all.addAll(SchemaCompatibility.checkReaderWriterCompatibility(old, subject.candidate())
                        .getResult()
                        .getIncompatibilities());
            }
            incompatible += all.isEmpty() ? 0 : 1;
        }
        return incompatible;
    }

    private static List<Subject> subjects(boolean broken) {
        List<Subject> subjects = new ArrayList<>(SUBJECTS);
        for (int s = 0; s < SUBJECTS; s++) {
            RandomEvolution evolution = new RandomEvolution(s);
            ObjectNode json = evolution.record("Subject" + s, 8, 2);
            List<Schema> previous = new ArrayList<>(VERSIONS);
            for (int v = 0; v < VERSIONS; v++) {
                previous.add(RandomEvolution.parse(json));
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
            subjects.add(new Subject(previous, candidate));
        }
        return subjects;
    }
}
