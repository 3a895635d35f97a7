package dev.eventcontracts.plugin.asyncapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventcontracts.plugin.discovery.ConsumerDiscovery;
import dev.eventcontracts.plugin.discovery.ConsumerModel;
import dev.eventcontracts.plugin.discovery.DiscoveryRequest;
import dev.eventcontracts.plugin.discovery.DiscoveryResult;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code generate-asyncapi} core: discovers the consumers as {@code generate-contract-tests}
 * does, finds their payloads' Avro schemas and writes {@link AsyncApiDocument} as YAML. Findings
 * are left to {@code generate-contract-tests}; a payload without a schema is a warning and its
 * message is written without a payload.
 */
public final class AsyncApiGeneration {

    /** Writes the document. */
    public AsyncApiOutcome run(AsyncApiConfig config) throws IOException {
        List<Path> schemaDirectories = existing(config.schemaDirectories());
        DiscoveryResult discovered = new ConsumerDiscovery()
                .discover(new DiscoveryRequest(
                        existing(config.mainSourceRoots()),
                        existing(config.testSourceRoots()),
                        config.classpath(),
                        schemaDirectories));
        List<ConsumerModel> consumers = discovered.consumers();
        Map<String, PayloadSchema> payloads = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        try (URLClassLoader classes = classLoader(config.classpath())) {
            PayloadSchemas schemas = PayloadSchemas.load(schemaDirectories, classes);
            for (ConsumerModel c : consumers) {
                PayloadSchema payload = payloads.computeIfAbsent(c.schema().fullName(), k -> schemas.of(c));
                if (!payload.found()) {
                    String warning = "The message of " + c.id() + " has no payload schema: " + payload.origin()
                            + ". Put the .avsc file in <schemaDirectory>, or run generate-asyncapi after compile.";
                    if (!warnings.contains(warning)) {
                        warnings.add(warning);
                    }
                }
            }
        }
        ObjectNode document =
                AsyncApiDocument.of(new AsyncApiDocument.Info(config.title(), config.version()), consumers, payloads);
        Path file = config.outputFile();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new AsyncApiYaml().write(document));
        int operations = document.path("operations").size();
        int channels = document.path("channels").size();
        String summary = "event-contracts: AsyncAPI " + AsyncApiDocument.ASYNCAPI_VERSION + " document "
                + config.display(file) + ": " + plural(operations, "receive operation") + ", "
                + plural(channels, "channel") + ", " + plural(payloads.size(), "Avro payload")
                + (warnings.isEmpty() ? "" : " (" + plural(warnings.size(), "payload") + " without a schema)");
        return new AsyncApiOutcome(file, operations, channels, warnings, summary);
    }

    private static URLClassLoader classLoader(List<Path> classpath) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classpath) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                // an entry that is no URL cannot hold a class either
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static List<Path> existing(List<Path> paths) {
        return paths.stream().filter(Files::isDirectory).toList();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
