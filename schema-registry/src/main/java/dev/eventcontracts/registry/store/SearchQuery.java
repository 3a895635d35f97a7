package dev.eventcontracts.registry.store;

import java.util.List;

/**
 * Filters and paging of an artifact search; {@code null} filters match everything.
 *
 * @param name substring of the artifact's name or id, case-insensitive
 * @param labels every label must be present
 * @param properties {@code key:value} pairs that must all be present
 * @param orderBy {@code name} or {@code createdOn}
 * @param ascending sort direction
 */
public record SearchQuery(
        String group,
        String name,
        String description,
        List<String> labels,
        List<String> properties,
        Long globalId,
        Long contentId,
        String orderBy,
        boolean ascending,
        int offset,
        int limit) {

    public SearchQuery {
        labels = labels == null ? List.of() : List.copyOf(labels);
        properties = properties == null ? List.of() : List.copyOf(properties);
    }

    /** Every artifact of a group, by name, first page of {@code limit}. */
    public static SearchQuery group(String group, int offset, int limit) {
        return new SearchQuery(group, null, null, List.of(), List.of(), null, null, "name", true, offset, limit);
    }
}
