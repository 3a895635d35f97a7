package dev.eventcontracts.plugin.discovery;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something discovery noticed about a consumer or a source file, with where it is.
 *
 * <p>Codes: {@code no-dead-letter-queue}, {@code payload-not-avro}, {@code samples-missing}, {@code fixture-missing},
 * {@code duplicate-fixture}, {@code unparsable-source}, {@code unresolved-placeholder},
 * {@code unresolved-constant}, {@code no-queue}.
 *
 * @param severity how serious it is
 * @param code a stable identifier, e.g. {@code no-dead-letter-queue}
 * @param message what and how to fix it, for a person
 * @param file the source file
 * @param line the 1-based line, or 0 when unknown
 */
public record Finding(Severity severity, String code, String message, Path file, int line) {

    /** Validates the required parts. */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: SEVERITY code: message}, as a log line. */
    @Override
    public String toString() {
        return (file == null ? "" : file + ":" + line + ": ") + severity + " " + code + ": " + message;
    }
}
