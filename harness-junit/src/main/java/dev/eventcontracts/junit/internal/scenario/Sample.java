package dev.eventcontracts.junit.internal.scenario;

import com.rabbitmq.client.AMQP;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A message a scenario publishes: body, schema id header and how failure messages name it.
 *
 * @param body the body
 * @param schemaId the writer schema id for the header, or null for no header
 * @param description e.g. {@code OrderPlaced{orderId=o-3}}
 */
record Sample(byte[] body, Long schemaId, String description) {

    /** Properties with {@code messageId}, the Avro content type and the schema id header. */
    AMQP.BasicProperties properties(String messageId) {
        Map<String, Object> headers = new HashMap<>();
        if (schemaId != null) {
            headers.put(AvroCodec.SCHEMA_ID_HEADER, schemaId);
        }
        return new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .contentType(AvroCodec.CONTENT_TYPE)
                .deliveryMode(2)
                .headers(headers)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s
                && Arrays.equals(body, s.body)
                && java.util.Objects.equals(schemaId, s.schemaId)
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
