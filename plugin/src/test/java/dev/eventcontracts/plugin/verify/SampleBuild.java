package dev.eventcontracts.plugin.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake project directory with the files the goals hand the gate, written as the real producers would. */
final class SampleBuild {

    final Path project;
    final Path target;

    SampleBuild(Path project) {
        this.project = project;
        this.target = project.resolve("target");
    }

    VerifyConfig config() {
        return new VerifyConfig("online-store", project, target, null, null, null, null, null, null, null);
    }

    VerifyConfig config(Boolean failOnViolation, String failOn) {
        return new VerifyConfig("online-store", project, target, null, null, null, null, null, failOnViolation, failOn);
    }

    SampleBuild consumer(String consumer, String dlq, String... scenarioStatuses) {
        StringBuilder scenarios = new StringBuilder();
        String[] ids = {
            "duplicate-delivery", "lost-ack", "out-of-order-redelivery", "batch-replay", "republished-new-message-id",
            "concurrent-instances", "undecodable-bytes", "wrong-schema", "non-retryable", "retries-exhausted",
            "transient-recovers", "no-head-of-line-blocking", "conservation", "schema-evolution"
        };
        for (int i = 0; i < scenarioStatuses.length; i++) {
            String[] parts = scenarioStatuses[i].split(":", 2);
            String status = parts[0];
            String message = parts.length > 1 ? "\"" + parts[1] + "\"" : "null";
            if (i > 0) {
                scenarios.append(',');
            }
            scenarios.append(String.format(
                    "{\"id\":\"%s\",\"letter\":\"%s\",\"displayName\":\"scenario %s\",\"status\":\"%s\","
                            + "\"message\":%s,\"fix\":null,\"durationMillis\":%d}",
                    ids[i], (char) ('a' + i), ids[i], status, message, 10 + i));
        }
        String cls = consumer.substring(0, consumer.indexOf('#'));
        String handler = consumer.substring(consumer.indexOf('#') + 1);
        String json = String.format(
                "{\"formatVersion\":1,\"consumer\":\"%s\",\"consumerClass\":\"%s\",\"handler\":\"%s\","
                        + "\"queue\":\"q.%s\",\"deadLetterQueue\":%s,\"broker\":\"amqp://127.0.0.1:5672\","
                        + "\"judgedOn\":\"effects+state\",\"scenarios\":[%s]}",
                consumer, cls, handler, handler, dlq == null ? "null" : "\"" + dlq + "\"", scenarios);
        return write("event-contracts/results/" + cls + "-" + handler + ".json", json);
    }

    SampleBuild failsafe(int completed, int errors, int failures, int skipped) {
        return write(
                "failsafe-reports/failsafe-summary.xml",
                String.format(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<failsafe-summary"
                                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" result=\"%d\" timeout=\"false\">\n"
                                + "  <completed>%d</completed>\n  <errors>%d</errors>\n  <failures>%d</failures>\n"
                                + "  <skipped>%d</skipped>\n  <failureMessage xsi:nil=\"true\"/>\n</failsafe-summary>\n",
                        errors + failures > 0 ? 255 : 0, completed, errors, failures, skipped));
    }

    SampleBuild compatibility(String json) {
        return write("event-contracts/compatibility.json", json);
    }

    SampleBuild findings(String json) {
        return write("event-contracts/findings.json", json);
    }

    SampleBuild write(String relativeToTarget, String text) {
        try {
            Path file = target.resolve(relativeToTarget);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String relativeToTarget) {
        try {
            return Files.readString(target.resolve(relativeToTarget));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String incompatibleOrderPlaced() {
        return """
                {"formatVersion":1,"registry":"file:src/main/registry","defaultLevel":"BACKWARD","registeredVersions":2,
                 "schemas":[{"subject":"com.example.OrderPlaced","file":"src/main/avro/order.avsc","level":"BACKWARD",
                   "versionsChecked":[2],"status":"INCOMPATIBLE","incompatibilities":[
                   {"kind":"READER_FIELD_MISSING_DEFAULT_VALUE","jsonPointer":"/fields/3","path":"customer.email","version":2,
                    "direction":"new reads old","message":"field 'customer.email' was added without a default",
                    "fix":"Add \\"default\\": null and make the type [\\"null\\",\\"string\\"]."}]},
                  {"subject":"com.example.OrderShipped","file":"src/main/avro/shipped.avsc","level":"BACKWARD",
                   "versionsChecked":[],"status":"NEW_SUBJECT","incompatibilities":[]}]}
                """;
    }
}
