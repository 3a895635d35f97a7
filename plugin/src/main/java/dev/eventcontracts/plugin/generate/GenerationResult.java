package dev.eventcontracts.plugin.generate;

import java.nio.file.Path;
import java.util.List;

/**
 * What a generation run did.
 *
 * @param generated the test sources of the current consumers (written or already up to date)
 * @param written the subset that was written because its content changed
 * @param deleted earlier generated tests of consumers that no longer exist
 */
public record GenerationResult(List<Path> generated, List<Path> written, List<Path> deleted) {

    /** Copies the lists. */
    public GenerationResult {
        generated = List.copyOf(generated);
        written = List.copyOf(written);
        deleted = List.copyOf(deleted);
    }
}
