package dev.eventcontracts.registry.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders {@code .avsc} files so each comes after the files defining the names it uses; reports
 * unknown names and cycles between files.
 */
final class FileOrder {

    private enum Mark {
        VISITING,
        DONE
    }

    /** File {@code source} uses {@code name}, defined in file {@code target}. */
    private record Edge(AvscScan source, AvscScan target, AvscScan.Reference reference, String name) {}

    private final List<AvscScan> files;
    private final Map<AvscScan, List<Edge>> edges = new LinkedHashMap<>();
    private final Map<AvscScan, Mark> marks = new HashMap<>();
    private final List<Edge> path = new ArrayList<>();
    private final List<AvscScan> sorted = new ArrayList<>();

    FileOrder(Collection<AvscScan> files, Map<String, AvscScan> owners) {
        this.files = List.copyOf(files);
        for (AvscScan file : this.files) {
            List<Edge> out = new ArrayList<>();
            for (AvscScan.Reference reference : file.references) {
                Edge edge = resolve(file, reference, owners);
                if (edge.target() != file) {
                    out.add(edge);
                }
            }
            edges.put(file, out);
        }
    }

    private static Edge resolve(AvscScan file, AvscScan.Reference reference, Map<String, AvscScan> owners) {
        for (String candidate : reference.candidates()) {
            if (file.definitions.containsKey(candidate)) {
                return new Edge(file, file, reference, candidate);
            }
            AvscScan owner = owners.get(candidate);
            if (owner != null) {
                return new Edge(file, owner, reference, candidate);
            }
        }
        throw SchemaLoader.unknownName(file, reference, owners.keySet());
    }

    /** The files in dependency order; ties keep the given (sorted) order. */
    List<AvscScan> sorted() {
        for (AvscScan file : files) {
            visit(file);
        }
        return sorted;
    }

    private void visit(AvscScan file) {
        Mark mark = marks.get(file);
        if (mark == Mark.DONE) {
            return;
        }
        marks.put(file, Mark.VISITING);
        for (Edge edge : edges.get(file)) {
            if (marks.get(edge.target()) == Mark.VISITING) {
                throw cycle(edge);
            }
            path.add(edge);
            visit(edge.target());
            path.remove(path.size() - 1);
        }
        marks.put(file, Mark.DONE);
        sorted.add(file);
    }

    private SchemaLoadException cycle(Edge closing) {
        List<Edge> loop = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).source() == closing.target()) {
                loop.addAll(path.subList(i, path.size()));
                break;
            }
        }
        loop.add(closing);
        StringBuilder text = new StringBuilder("Files use each other's types in a cycle: ");
        for (int i = 0; i < loop.size(); i++) {
            Edge edge = loop.get(i);
            LocatedJson.Location at = edge.source().json.at(edge.reference().pointer());
            text.append(i == 0 ? "" : ", which ")
                    .append(i == 0 ? edge.source().file + " uses '" : "uses '")
                    .append(edge.name())
                    .append("' (line ")
                    .append(at.line())
                    .append(") defined in ")
                    .append(edge.target().file);
        }
        text.append(". Avro loads one file after another, so move the types of the cycle into one file.");
        return closing.source().error(closing.reference().pointer(), text.toString());
    }
}
