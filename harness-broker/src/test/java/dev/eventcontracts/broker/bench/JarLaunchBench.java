package dev.eventcontracts.broker.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wall time from launching {@code java -jar <standalone jar> --amqp-port 0} to its ready line,
 * next to launching a JVM that only prints one line (the floor any Java program pays).
 *
 * <p>Run: {@code java -cp <test classpath> dev.eventcontracts.broker.bench.JarLaunchBench <jar>}
 */
public final class JarLaunchBench {
    private JarLaunchBench() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path hello = Files.createTempDirectory("hello");
        Files.writeString(
                hello.resolve("Hello.java"),
                "class Hello { public static void main(String[] a) {" + " System.out.println(\"ready\"); } }");
        run(
                new ProcessBuilder(
                        "javac",
                        "-d",
                        hello.toString(),
                        hello.resolve("Hello.java").toString()),
                "x");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int runs = 9;
        double[] broker = new double[runs];
        double[] floor = new double[runs];
        for (int i = -2; i < runs; i++) {
            double b = run(new ProcessBuilder(java, "-jar", jar.toString(), "--amqp-port", "0"), "ready");
            double f = run(new ProcessBuilder(java, "-cp", hello.toString(), "Hello"), "ready");
            if (i >= 0) {
                broker[i] = b;
                floor[i] = f;
            }
        }
        System.out.println(
                "standalone jar launch to ready line: " + Stats.of(broker).format("ms"));
        System.out.println(
                "hello-world JVM launch to first line: " + Stats.of(floor).format("ms"));
    }

    private static double run(ProcessBuilder pb, String readyPrefix) throws Exception {
        long t0 = System.nanoTime();
        Process p = pb.redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.contains(readyPrefix)) {
                    break;
                }
            }
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
