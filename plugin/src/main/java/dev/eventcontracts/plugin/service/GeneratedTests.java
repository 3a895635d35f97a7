package dev.eventcontracts.plugin.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the two service-mode generators (RabbitMQ and Kafka) write alike: where a test file goes,
 * the head of its source, and writing it only when it changed (so an unchanged test keeps its
 * timestamp and the compiler skips it).
 */
final class GeneratedTests {

    private GeneratedTests() {}

    /** {@code output/<package as folders>/<className>.java}. */
    static Path file(Path output, String packageName, String className) {
        Path dir = packageName.isEmpty() ? output : output.resolve(packageName.replace('.', '/'));
        return dir.resolve(className + ".java");
    }

    /**
     * Writes {@code source} to {@code file} unless the file holds it already.
     *
     * @return whether the file was written
     */
    static boolean writeIfChanged(Path file, String source) throws IOException {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return true;
    }

    /**
     * The source up to the class body's first line: package, the imports every generated test has
     * after {@code contractImports}, the Javadoc {@code javadoc} (lines without the comment
     * markers), {@code @Generated}, {@code @DisplayName} and the class declaration.
     */
    static StringBuilder head(
            String packageName,
            String contractImports,
            String javadoc,
            String generator,
            String displayName,
            String className) {
        StringBuilder s = new StringBuilder();
        if (!packageName.isEmpty()) {
            s.append("package ").append(packageName).append(";\n\n");
        }
        s.append(contractImports)
                .append("import java.util.stream.Stream;\n")
                .append("import javax.annotation.processing.Generated;\n")
                .append("import org.junit.jupiter.api.DisplayName;\n")
                .append("import org.junit.jupiter.api.DynamicTest;\n")
                .append("import org.junit.jupiter.api.TestFactory;\n")
                .append("import org.junit.jupiter.api.extension.RegisterExtension;\n\n");
        s.append("/**\n");
        for (String line : javadoc.split("\n", -1)) {
            s.append(" * ").append(line).append('\n');
        }
        s.append(" */\n");
        s.append("@Generated(\"").append(generator).append("\")\n");
        s.append("@DisplayName(\"").append(displayName).append("\")\n");
        s.append("class ").append(className).append(" {\n\n");
        return s;
    }
}
