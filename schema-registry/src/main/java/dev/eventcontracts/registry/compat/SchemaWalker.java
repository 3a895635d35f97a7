package dev.eventcontracts.registry.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Turns Avro's location tokens into a normalized JSON pointer and a human path by walking the
 * reading schema. Never throws: an unexpected token ends the walk and is kept verbatim.
 */
final class SchemaWalker {

    /** A place in a schema: pointer tokens (without leading slash), human path, the schema there. */
    record Place(List<String> tokens, String path, Schema schema) {

        String pointer() {
            if (tokens.isEmpty()) {
                return "/";
            }
            StringBuilder out = new StringBuilder();
            for (String token : tokens) {
                out.append('/').append(token.replace("~", "~0").replace("/", "~1"));
            }
            return out.toString();
        }

        Place child(String token, String pathSuffix, Schema next) {
            List<String> more = new ArrayList<>(tokens.size() + 1);
            more.addAll(tokens);
            more.add(token);
            return new Place(more, path + pathSuffix, next);
        }

        Place field(Schema.Field field) {
            List<String> more = new ArrayList<>(tokens.size() + 3);
            more.addAll(tokens);
            more.add("fields");
            more.add(Integer.toString(field.pos()));
            more.add("type");
            return new Place(more, path + "." + field.name(), field.schema());
        }
    }

    private SchemaWalker() {}

    /** The root of a schema: empty pointer, path = the simple name of the type. */
    static Place root(Schema schema) {
        return new Place(List.of(), rootName(schema), schema);
    }

    /** The root of a reading schema, labelled with the new schema's name so paths read alike in both directions. */
    static Place root(Schema schema, String label) {
        return new Place(List.of(), label, schema);
    }

    static String rootName(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getName();
            default -> schema.getType().getName();
        };
    }

    /** Splits an Avro location such as {@code /fields/0/type} into tokens. */
    static List<String> tokens(String location) {
        List<String> out = new ArrayList<>();
        if (location == null || location.isEmpty() || location.equals("/")) {
            return out;
        }
        for (String raw : location.substring(1).split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    /**
     * Walks {@code tokens} from {@code start}. Indices after a union that Avro pushes for the
     * writer's branch are dropped while the reader is not a union; a final index at a reading union
     * (Avro's MISSING_UNION_BRANCH) is kept and names the writing union's branch.
     */
    static Place walk(Place start, List<String> tokens) {
        Place at = start;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            Schema cur = at.schema();
            if (cur == null) {
                at = at.child(token, "", null);
                continue;
            }
            if (token.equals("fields") && cur.getType() == Schema.Type.RECORD && i + 1 < tokens.size()) {
                Schema.Field field = fieldAt(cur, tokens.get(i + 1));
                if (field == null) {
                    at = at.child(token, "", null);
                    continue;
                }
                i++;
                if (i + 1 < tokens.size() && tokens.get(i + 1).equals("type")) {
                    i++;
                    at = at.field(field);
                } else {
                    // a field without a type token: the place of the field itself
                    Place f = at.field(field);
                    at = new Place(List.copyOf(f.tokens().subList(0, f.tokens().size() - 1)), f.path(), field.schema());
                }
            } else if (token.equals("items") && cur.getType() == Schema.Type.ARRAY) {
                at = at.child(token, "[]", cur.getElementType());
            } else if (token.equals("values") && cur.getType() == Schema.Type.MAP) {
                at = at.child(token, "{}", cur.getValueType());
            } else if (isIndex(token)) {
                if (cur.getType() == Schema.Type.UNION && i == tokens.size() - 1) {
                    at = at.child(token, "", cur);
                }
                // otherwise: the writer's union branch while the reader is not a union; drop it
            } else {
                at = at.child(token, "", null);
            }
        }
        return at;
    }

    private static Schema.Field fieldAt(Schema record, String index) {
        if (!isIndex(index)) {
            return null;
        }
        int pos = Integer.parseInt(index);
        return pos < record.getFields().size() ? record.getFields().get(pos) : null;
    }

    private static boolean isIndex(String token) {
        if (token.isEmpty() || token.length() > 9) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (!Character.isDigit(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
