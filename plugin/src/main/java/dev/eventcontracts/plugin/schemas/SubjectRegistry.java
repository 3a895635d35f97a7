package dev.eventcontracts.plugin.schemas;

import java.io.IOException;
import org.apache.avro.Schema;

/** A registry the schema goals read subjects from and {@code register} writes to. */
public interface SubjectRegistry extends SubjectHistory, AutoCloseable {

    /**
     * Opens the selected registry: the file store or the remote registry. A file store that does
     * not exist is only created when {@code forWrite}; for reading it is an empty history.
     *
     * @throws dev.eventcontracts.plugin.problems.InvalidParameterException the registry URL is not http(s)
     */
    static SubjectRegistry open(RegistrySelection selection, boolean forWrite) {
        return GatewayRegistry.open(selection, forWrite);
    }

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
