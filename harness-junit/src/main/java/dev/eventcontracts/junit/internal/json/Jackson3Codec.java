package dev.eventcontracts.junit.internal.json;

import dev.eventcontracts.junit.internal.codec.UndecodableMessageException;
import java.lang.reflect.Type;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JsonCodec} on Jackson 3 ({@code tools.jackson.databind}), which reads {@code java.time},
 * {@code Optional} and constructor parameter names without extra modules. Loaded only when Jackson
 * 3 is on the classpath.
 */
final class Jackson3Codec implements JsonCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public String name() {
        return "Jackson 3";
    }

    @Override
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "Jackson 3 cannot write a '" + value.getClass().getName() + "' as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    @Override
    public Object read(byte[] body, Type type) {
        try {
            return mapper.readValue(body, mapper.getTypeFactory().constructType(type));
        } catch (RuntimeException e) {
            String reason = e instanceof JacksonException j ? j.getOriginalMessage() : String.valueOf(e);
            throw new UndecodableMessageException(
                    "bytes are not a JSON '" + type.getTypeName() + "' (Jackson 3): " + reason, e);
        }
    }
}
