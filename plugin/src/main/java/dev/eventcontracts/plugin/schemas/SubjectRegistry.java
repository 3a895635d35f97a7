package dev.eventcontracts.plugin.schemas;

import java.io.IOException;
import org.apache.avro.Schema;

/** A registry the schema goals read subjects from and {@code register} writes to. */
public interface SubjectRegistry extends SubjectHistory, AutoCloseable {

    /** Releases connections or files; does nothing by default. */
    @Override
    default void close() {}

    /**
     * Registers {@code schema} as the next version of {@code subject}.
     *
     * @return the version number the registry assigned
     */
    int register(String subject, Schema schema) throws IOException;
}
