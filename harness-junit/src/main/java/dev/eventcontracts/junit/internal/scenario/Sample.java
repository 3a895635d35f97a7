package dev.eventcontracts.junit.internal.scenario;

import com.rabbitmq.client.AMQP;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message a scenario publishes: body, content type, schema id header and how failure messages
 * name it.
 *
 * @param body the body
 * @param schemaId the Avro writer schema id for the header, or null for no header
 * @param contentType e.g. {@code application/avro} or {@code application/json}
 * @param description e.g. {@code OrderPlaced{orderId=o-3}}
 */
record Sample(byte[] body, Long schemaId, String contentType, String description) {

    /** The same message under another description. */
    Sample as(String otherDescription) {
        return new Sample(body, schemaId, contentType, otherDescription);
    }

    /** Properties with {@code messageId}, the content type and the schema id header (Avro only). */
    AMQP.BasicProperties properties(String messageId) {
        Map<String, Object> headers = new HashMap<>();
        if (schemaId != null) {
            headers.put(AvroCodec.SCHEMA_ID_HEADER, schemaId);
        }
        return new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .contentType(contentType)
                .deliveryMode(2)
                .headers(headers)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s
                && Arrays.equals(body, s.body)
                && Objects.equals(schemaId, s.schemaId)
                && Objects.equals(contentType, s.contentType)
                && description.equals(s.description);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body) * 31 + description.hashCode();
    }

    @Override
    public String toString() {
        return description;
    }
}
