package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.registry.compat.CompatibilityLevel;
import java.nio.file.Path;
import org.apache.avro.Schema;

/**
 * A schema of the project, with the subject it is registered under and the level it must keep.
 *
 * @param file the schema file
 * @param displayFile the file as users read it (relative to the project directory)
 * @param subject the registry subject
 * @param level the compatibility level for the subject
 * @param schema the parsed schema
 */
public record LocalSchema(Path file, String displayFile, String subject, CompatibilityLevel level, Schema schema) {}
