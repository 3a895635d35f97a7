package dev.eventcontracts.broker.admin.definitions;

/**
 * Definitions that cannot be loaded. The message names the source (file or request), the JSON
 * path of the offending value (e.g. {@code queues[2].arguments.x-message-ttl}), what is wrong
 * with it and the fix.
 */
public final class DefinitionsException extends IllegalArgumentException {
    private final String path;

    /** A problem at {@code path} in {@code source}. */
    public DefinitionsException(String source, String path, String problem) {
        super(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.path = path;
    }

    /** The JSON path of the offending value, e.g. {@code policies[0].definition}; empty for the whole document. */
    public String path() {
        return path;
    }
}
