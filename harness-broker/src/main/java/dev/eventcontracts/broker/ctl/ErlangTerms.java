package dev.eventcontracts.broker.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders JSON as rabbitmqctl prints tables in {@code list_connections client_properties}:
 * {@code [{"product","RabbitMQ"},{"capabilities",[{"basic.nack",true}]}]} (what test suites parse).
 */
final class ErlangTerms {
    private ErlangTerms() {}

    static String render(JsonNode v) {
        if (v == null || v.isNull()) {
            return "undefined";
        }
        if (v.isObject()) {
            StringBuilder b = new StringBuilder("[");
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append("{")
                        .append(quote(e.getKey()))
                        .append(",")
                        .append(render(e.getValue()))
                        .append("}");
                if (it.hasNext()) {
                    b.append(",");
                }
            }
            return b.append("]").toString();
        }
        if (v.isArray()) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < v.size(); i++) {
                b.append(i == 0 ? "" : ",").append(render(v.get(i)));
            }
            return b.append("]").toString();
        }
        if (v.isTextual()) {
            return quote(v.asText());
        }
        return v.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
