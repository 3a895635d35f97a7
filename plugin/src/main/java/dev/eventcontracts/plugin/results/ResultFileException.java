package dev.eventcontracts.plugin.results;

import java.nio.file.Path;

/** A results file exists but cannot be read: corrupt, truncated, or of an unknown format version. */
public final class ResultFileException extends RuntimeException {

    private final Path file;

    ResultFileException(Path file, String reason, Throwable cause) {
        super("Cannot read '" + file + "': " + reason, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
