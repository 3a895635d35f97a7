package dev.eventcontracts.kafka.wire;

import org.apache.avro.Schema;

/** Where the wire format finds schemas by id and ids for schemas: a registry's ccompat API, or a map in a test. */
public interface SchemaLookup {

    /**
     * The schema registered under {@code id}.
     *
     * @throws WireFormatException {@link WireFormatException.Problem#UNKNOWN_SCHEMA_ID} when there is none
     */
    Schema schema(int id);

    /**
     * The id of {@code schema} under {@code subject}, registering it when new.
     *
     * @throws WireFormatException {@link WireFormatException.Problem#REGISTRY_FAILED} when the registry refuses
     */
    int register(String subject, Schema schema);

    /** Where the schemas come from, for messages: e.g. {@code http://127.0.0.1:8080/apis/ccompat/v7}. */
    String location();
}
