package dev.eventcontracts.registry.schema;

import java.nio.file.Path;

/**
 * A schema file could not be loaded: unreadable, not JSON, not an Avro schema, an unknown or
 * duplicate name, a bad default, a cycle between files. The message says what failed, where
 * ({@code file:line:column} when known) and how to fix it.
 */
public final class SchemaLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param file the file that failed (null when the schema did not come from a file)
     * @param line 1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param problem what is wrong and how to fix it, without the location
     */
    public SchemaLoadException(Path file, int line, int column, String problem, Throwable cause) {
        super(location(file, line, column) + ": " + problem, cause);
        this.file = file;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.problem = problem;
    }

    /** Same, without a cause. */
    public SchemaLoadException(Path file, int line, int column, String problem) {
        this(file, line, column, problem, null);
    }

    /** The file that failed, or null when the schema text did not come from a file. */
    public Path file() {
        return file;
    }

    /** 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong and how to fix it, without the location prefix. */
    public String problem() {
        return problem;
    }

    private static String location(Path file, int line, int column) {
        String where = file == null ? "<schema>" : file.toString();
        if (line > 0) {
            where += ":" + line;
            if (column > 0) {
                where += ":" + column;
            }
        }
        return where;
    }
}
