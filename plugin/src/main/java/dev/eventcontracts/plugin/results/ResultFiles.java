package dev.eventcontracts.plugin.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads and writes the files the goals hand each other through {@code target/}: contract results,
 * the failsafe summary, the compatibility verdicts and the discovery findings. Missing files are
 * empty results; unreadable ones throw {@link ResultFileException} naming the file.
 */
public final class ResultFiles {

    private final ObjectMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The contract results in {@code directory}, one per {@code *.json} file, sorted by consumer. */
    public List<ContractResult> readContractResults(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ResultFileException(directory, "cannot list the directory (" + e.getMessage() + ")", e);
        }
        List<ContractResult> results = new ArrayList<>();
        for (Path file : files) {
            ContractResult result = readVersioned(file, ContractResult.class, ContractResult.FORMAT_VERSION);
            if (result.consumer() == null || result.consumer().isBlank()) {
                throw new ResultFileException(file, "it names no \"consumer\"", null);
            }
            results.add(result);
        }
        results.sort(Comparator.comparing(ContractResult::consumer));
        return List.copyOf(results);
    }

    /** The failsafe summary, or empty when failsafe did not run. */
    public Optional<FailsafeSummary> readFailsafeSummary(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(in);
            return Optional.of(new FailsafeSummary(
                    count(doc, "completed", file),
                    count(doc, "errors", file),
                    count(doc, "failures", file),
                    count(doc, "skipped", file)));
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new ResultFileException(file, "not a failsafe summary (" + e.getMessage() + ")", e);
        }
    }

    private static int count(Document doc, String element, Path file) {
        NodeList nodes = doc.getElementsByTagName(element);
        if (nodes.getLength() == 0) {
            return 0;
        }
        String text = nodes.item(0).getTextContent().trim();
        try {
            return text.isEmpty() ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ResultFileException(file, "<" + element + "> is '" + text + "', not a number", e);
        }
    }

    /** The compatibility verdicts, or empty when {@code check-compatibility} did not run. */
    public Optional<CompatibilityResults> readCompatibility(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(readVersioned(file, CompatibilityResults.class, CompatibilityResults.FORMAT_VERSION));
    }

    /** The discovery findings, or empty when {@code generate-contract-tests} did not run. */
    public Optional<DiscoveryFindings> readFindings(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(readVersioned(file, DiscoveryFindings.class, DiscoveryFindings.FORMAT_VERSION));
    }

    /** The can-i-deploy matrix, or empty when {@code can-i-deploy} did not run. */
    public Optional<CanIDeployResults> readCanIDeploy(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(readVersioned(file, CanIDeployResults.class, CanIDeployResults.FORMAT_VERSION));
    }

    /** Writes any of these records (or a report model) as indented JSON, creating parent directories. */
    public void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson(value) + "\n");
    }

    /** The indented JSON text of a value. */
    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot serialize " + value.getClass().getName(), e);
        }
    }

    private <T> T readVersioned(Path file, Class<T> type, int expectedVersion) {
        try {
            JsonNode tree = json.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new ResultFileException(file, "expected a JSON object", null);
            }
            int version = tree.path("formatVersion").asInt(-1);
            if (version != expectedVersion) {
                throw new ResultFileException(
                        file,
                        "\"formatVersion\" is " + (version < 0 ? "missing" : "'" + version + "'")
                                + ", this plugin reads version " + expectedVersion
                                + "; rebuild with matching event-contracts versions (mvn clean verify)",
                        null);
            }
            return json.treeToValue(tree, type);
        } catch (IOException e) {
            throw new ResultFileException(file, "not valid JSON (" + e.getMessage() + ")", e);
        }
    }
}
