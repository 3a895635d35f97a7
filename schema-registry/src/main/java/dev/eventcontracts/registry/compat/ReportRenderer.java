package dev.eventcontracts.registry.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** Text and JSON renderings of a {@link CompatibilityReport}. Deterministic: same report, same bytes. */
final class ReportRenderer {

    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter JSON = new ObjectMapper()
            .writer(new DefaultPrettyPrinter().withObjectIndenter(INDENT).withArrayIndenter(INDENT));

    private ReportRenderer() {}

    static String summary(CompatibilityReport report) {
        String subject = "Schema '" + report.schemaName() + "'";
        if (report.level() == CompatibilityLevel.NONE) {
            return subject + " is accepted: the level is NONE, nothing was checked.";
        }
        if (report.checkedVersions().isEmpty() && report.compatible()) {
            return subject + " is accepted: there is no previous version to check " + report.level() + " against.";
        }
        String versions = versions(report.checkedVersions());
        if (report.compatible()) {
            return subject + " is " + report.level() + " compatible with " + versions + ".";
        }
        int count = report.incompatibilities().size();
        List<Integer> broken = report.incompatibilities().stream()
                .map(Incompatibility::version)
                .filter(v -> v > 0)
                .distinct()
                .sorted()
                .toList();
        String against = broken.isEmpty() ? "" : " with " + versions(broken);
        return subject + " is not " + report.level() + " compatible" + against + ": " + count
                + (count == 1 ? " incompatibility." : " incompatibilities.");
    }

    private static String versions(List<Integer> versions) {
        return versions.stream().map(v -> "v" + v).collect(Collectors.joining(", "));
    }

    static String text(CompatibilityReport report) {
        StringBuilder out = new StringBuilder(summary(report)).append('\n');
        int n = 0;
        for (Incompatibility i : report.incompatibilities()) {
            n++;
            String against = i.version() == 0
                    ? "schema error in the new schema"
                    : "v" + i.version() + ", "
                            + (i.direction() == Direction.NEW_READS_OLD ? "new reads old" : "old reads new");
            out.append('\n')
                    .append(n)
                    .append(". ")
                    .append(i.kind())
                    .append(" at ")
                    .append(i.path())
                    .append(" (")
                    .append(against)
                    .append(", ")
                    .append(i.jsonPointer())
                    .append(")\n");
            out.append("   ").append(i.message()).append('\n');
            out.append("   Fix: ").append(i.fix()).append('\n');
        }
        return out.toString();
    }

    static String json(CompatibilityReport report) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("level", report.level().name());
        root.put("schemaName", report.schemaName());
        root.put("compatible", report.compatible());
        ArrayNode versions = root.putArray("checkedVersions");
        report.checkedVersions().forEach(versions::add);
        ArrayNode list = root.putArray("incompatibilities");
        for (Incompatibility i : report.incompatibilities()) {
            ObjectNode item = list.addObject();
            item.put("kind", i.kind().name());
            item.put("version", i.version());
            item.put("direction", i.direction().name());
            item.put("path", i.path());
            item.put("jsonPointer", i.jsonPointer());
            item.put("message", i.message());
            item.put("fix", i.fix());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
