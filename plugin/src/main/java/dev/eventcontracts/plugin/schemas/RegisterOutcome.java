package dev.eventcontracts.plugin.schemas;

import java.util.List;

/**
 * What {@code register} did.
 *
 * @param registered the new versions, as {@code subject vN} (or {@code subject (new)} in a dry run)
 * @param unchanged subjects whose latest version already has the schema's canonical form
 * @param dryRun whether nothing was written
 * @param check the compatibility verdicts (registration is refused if any schema is incompatible)
 * @param summaryLine the one INFO line
 */
public record RegisterOutcome(
        List<String> registered, List<String> unchanged, boolean dryRun, CheckOutcome check, String summaryLine) {}
