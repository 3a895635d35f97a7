package dev.eventcontracts.plugin.schemas;

import java.io.IOException;
import org.apache.avro.Schema;

/** A registry the {@code register} goal can write to. */
public interface SubjectRegistry extends SubjectHistory {

    /**
     * Registers {@code schema} as the next version of {@code subject}.
     *
     * @return the version number the registry assigned
     */
    int register(String subject, Schema schema) throws IOException;
}
