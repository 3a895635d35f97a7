package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.registry.compat.VersionedSchema;
import java.io.IOException;
import java.util.List;

/** What the compatibility check needs from a registry: the registered versions of a subject. */
public interface SubjectHistory {

    /** The registered versions of {@code subject}, oldest first; empty for a subject with no history. */
    List<VersionedSchema> history(String subject) throws IOException;

    /** Where the history comes from, for messages and reports, e.g. {@code file:src/main/registry}. */
    String describe();
}
