package dev.eventcontracts.registry.schema;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/** Named types inside a schema, and the closest name to a misspelled one. */
final class NamedTypes {

    private NamedTypes() {}

    /** Adds every named type reachable from {@code schema} (itself included) by full name. */
    static void collect(Schema schema, Map<String, Schema> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (out.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(f -> collect(f.schema(), out));
                }
            }
            case ENUM, FIXED -> out.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> collect(schema.getElementType(), out);
            case MAP -> collect(schema.getValueType(), out);
            case UNION -> schema.getTypes().forEach(t -> collect(t, out));
            default -> {
                // primitives have no name to collect
            }
        }
    }

    /**
     * The name closest to {@code wanted} by edit distance (comparing simple names too), if it is
     * close enough to be a plausible typo.
     */
    static Optional<String> closest(String wanted, Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            String simple = name.substring(name.lastIndexOf('.') + 1);
            int distance = Math.min(distance(wanted, name), distance(wanted, simple));
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(3, wanted.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
