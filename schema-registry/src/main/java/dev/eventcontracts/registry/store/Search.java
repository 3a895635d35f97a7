package dev.eventcontracts.registry.store;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** Apicurio's artifact search over the in-memory state: filters, order, paging. */
final class Search {

    private Search() {}

    static SearchPage run(RegistryState state, SearchQuery query) {
        Predicate<ArtifactRecord> filter = a -> a.latest().isPresent();
        if (query.group() != null) {
            filter = filter.and(a -> a.groupId().equals(query.group()));
        }
        if (query.name() != null) {
            String needle = query.name().toLowerCase(Locale.ROOT);
            filter = filter.and(a -> contains(a.artifactId(), needle) || contains(a.name(), needle));
        }
        if (query.description() != null) {
            String needle = query.description().toLowerCase(Locale.ROOT);
            filter = filter.and(a -> contains(a.description(), needle));
        }
        for (String label : query.labels()) {
            filter = filter.and(a -> a.labels().contains(label));
        }
        for (String property : query.properties()) {
            int colon = property.indexOf(':');
            if (colon <= 0) {
                throw new RegistryException(
                        RegistryException.Kind.BAD_REQUEST,
                        "Invalid properties filter '" + property + "': use key:value.");
            }
            Map.Entry<String, String> wanted = Map.entry(property.substring(0, colon), property.substring(colon + 1));
            filter = filter.and(a -> wanted.getValue().equals(a.properties().get(wanted.getKey())));
        }
        if (query.globalId() != null) {
            filter = filter.and(a -> a.versions().stream().anyMatch(v -> v.globalId() == query.globalId()));
        }
        if (query.contentId() != null) {
            filter = filter.and(a -> a.versions().stream().anyMatch(v -> v.contentId() == query.contentId()));
        }
        Comparator<ArtifactRecord> order = "createdOn".equalsIgnoreCase(query.orderBy())
                ? Comparator.comparing(ArtifactRecord::createdOn)
                : Comparator.comparing((ArtifactRecord a) -> a.name() == null ? a.artifactId() : a.name());
        order = order.thenComparing(ArtifactRecord::groupId).thenComparing(ArtifactRecord::artifactId);
        if (!query.ascending()) {
            order = order.reversed();
        }
        List<ArtifactRecord> matches =
                state.artifacts.values().stream().filter(filter).sorted(order).toList();
        List<Registered> page = matches.stream()
                .skip(Math.max(0, query.offset()))
                .limit(Math.max(0, query.limit()))
                .map(a -> {
                    VersionRecord latest = a.latest().orElseThrow();
                    return new Registered(a, latest, state.contentById.get(latest.contentId()));
                })
                .toList();
        return new SearchPage(matches.size(), page);
    }

    private static boolean contains(String haystack, String lowerNeedle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }
}
