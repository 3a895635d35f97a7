package dev.eventcontracts.registry.consumers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Consumer contracts and deployments as ordinary Avro artifacts (layout in {@code
 * docs/registry.md}, "Consumer contracts"). A contract is its reader schema with one extra
 * top-level property, {@value #CONTRACT_PROPERTY}; a deployment is an empty record {@code
 * dev.eventcontracts.deployment.Deployment} with the property {@value #DEPLOYMENT_PROPERTY}. Avro
 * keeps unknown properties and ignores them when reading data, so any Apicurio Registry stores
 * both as valid {@code AVRO} content.
 */
final class ContractCodec {

    static final String CONTRACT_PROPERTY = "eventcontracts.consumer";
    static final String DEPLOYMENT_PROPERTY = "eventcontracts.deployment";

    private final ObjectMapper json = new ObjectMapper();

    /** The artifact content of a contract: the reader schema plus the contract property. */
    Schema encode(ConsumerContract contract) {
        ObjectNode root = readerNode(contract);
        return parse(root.toString(), "the contract of " + contract.label());
    }

    /** Reads a contract artifact back. */
    ConsumerContract decodeContract(Schema artifact, String where) {
        return contract(tree(artifact.toString(), where), where);
    }

    /** The artifact content of a deployment record. */
    Schema encode(Deployment deployment) {
        ObjectNode root = json.createObjectNode();
        root.put("type", "record");
        root.put("name", "Deployment");
        root.put("namespace", "dev.eventcontracts.deployment");
        root.put(
                "doc", deployment.label() + " in " + deployment.environment() + " (event-contracts record-deployment)");
        root.putArray("fields");
        ObjectNode record = root.putObject(DEPLOYMENT_PROPERTY);
        record.put("environment", deployment.environment());
        record.put("service", deployment.service());
        record.put("version", deployment.version());
        ArrayNode reads = record.putArray("reads");
        deployment.reads().forEach(c -> reads.add(readerNode(c)));
        ArrayNode writes = record.putArray("writes");
        for (ProducedSchema produced : deployment.writes()) {
            ObjectNode write = writes.addObject();
            write.put("subject", produced.subject());
            write.set("schema", tree(produced.writer().toString(), "the writer of " + produced.subject()));
        }
        return parse(root.toString(), "the deployment of " + deployment.label());
    }

    /** Reads a deployment artifact back. */
    Deployment decodeDeployment(Schema artifact, String where) {
        JsonNode record = tree(artifact.toString(), where).path(DEPLOYMENT_PROPERTY);
        if (!record.isObject()) {
            throw new ContractStoreException(where + " is not an event-contracts deployment record: it has no '"
                    + DEPLOYMENT_PROPERTY + "' property. Remove it from the group, or record the deployment again.");
        }
        List<ConsumerContract> reads = new ArrayList<>();
        for (JsonNode read : record.path("reads")) {
            reads.add(contract((ObjectNode) read, where));
        }
        List<ProducedSchema> writes = new ArrayList<>();
        for (JsonNode write : record.path("writes")) {
            String subject = write.path("subject").asText();
            writes.add(new ProducedSchema(
                    subject, parse(write.path("schema").toString(), where + ", writer of '" + subject + "'")));
        }
        return new Deployment(
                record.path("environment").asText(),
                record.path("service").asText(),
                record.path("version").asText(),
                reads,
                writes);
    }

    private ObjectNode readerNode(ConsumerContract contract) {
        JsonNode reader = tree(contract.reader().toString(), "the reader of " + contract.label());
        ObjectNode root;
        if (reader.isObject()) {
            root = (ObjectNode) reader;
        } else if (reader.isTextual()) {
            root = json.createObjectNode();
            root.set("type", reader);
        } else {
            throw new IllegalArgumentException("The reader schema of " + contract.label() + " on subject '"
                    + contract.subject() + "' is a union; consumer contracts need a record (or a named type)"
                    + " at the top. Wrap the union in a record.");
        }
        ObjectNode property = root.putObject(CONTRACT_PROPERTY);
        property.put("service", contract.service());
        property.put("version", contract.version());
        property.put("subject", contract.subject());
        ArrayNode reads = property.putArray("reads");
        for (FieldRead read : contract.reads()) {
            ObjectNode node = reads.addObject();
            node.put("field", read.field());
            node.put("file", read.file());
            node.put("line", read.line());
        }
        return root;
    }

    private ConsumerContract contract(ObjectNode root, String where) {
        JsonNode property = root.remove(CONTRACT_PROPERTY);
        if (property == null || !property.isObject()) {
            throw new ContractStoreException(where + " is not an event-contracts consumer contract: it has no '"
                    + CONTRACT_PROPERTY + "' property. Remove it from the group, or register the consumer again.");
        }
        List<FieldRead> reads = new ArrayList<>();
        for (JsonNode read : property.path("reads")) {
            reads.add(new FieldRead(
                    read.path("field").asText(),
                    read.path("file").asText(),
                    read.path("line").asInt()));
        }
        return new ConsumerContract(
                property.path("service").asText(),
                property.path("version").asText(),
                property.path("subject").asText(),
                parse(root.toString(), where),
                reads);
    }

    private ObjectNode tree(String text, String where) {
        try {
            JsonNode node = json.readTree(text);
            if (node.isObject()) {
                return (ObjectNode) node;
            }
            ObjectNode wrapped = json.createObjectNode();
            wrapped.set("type", node);
            return wrapped;
        } catch (JsonProcessingException e) {
            throw new ContractStoreException(where + " is not JSON: " + e.getOriginalMessage() + ".");
        }
    }

    private static Schema parse(String text, String where) {
        try {
            return new Schema.Parser().setValidateDefaults(false).parse(text);
        } catch (SchemaParseException e) {
            throw new ContractStoreException(where + " is not a valid Avro schema: " + e.getMessage() + ".");
        }
    }
}
