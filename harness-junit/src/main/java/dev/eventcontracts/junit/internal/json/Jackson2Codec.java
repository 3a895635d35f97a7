package dev.eventcontracts.junit.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import dev.eventcontracts.junit.internal.codec.UndecodableMessageException;
import java.io.IOException;
import java.lang.reflect.Type;

/** {@link JsonCodec} on Jackson 2 ({@code com.fasterxml.jackson.databind}). */
final class Jackson2Codec implements JsonCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .addModule(new ParameterNamesModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public String name() {
        return "Jackson 2";
    }

    @Override
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Jackson 2 cannot write a '" + value.getClass().getName() + "' as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    @Override
    public Object read(byte[] body, Type type) {
        try {
            return mapper.readValue(body, mapper.getTypeFactory().constructType(type));
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e);
            throw new UndecodableMessageException(
                    "bytes are not a JSON '" + type.getTypeName() + "' (Jackson 2): " + reason, e);
        }
    }
}
