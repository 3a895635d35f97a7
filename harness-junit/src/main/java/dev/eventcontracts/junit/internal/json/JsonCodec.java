package dev.eventcontracts.junit.internal.json;

import dev.eventcontracts.junit.internal.codec.UndecodableMessageException;
import java.lang.reflect.Type;

/**
 * Writes JSON payloads from objects and reads them into the handler's payload type, with Jackson:
 * Jackson 3 ({@code tools.jackson.databind}) when it is on the consumer's classpath, else Jackson 2
 * ({@code com.fasterxml.jackson.databind}) — see docs/contract-tests.md, "Payload types". Both
 * read like Spring Boot's mapper: unknown properties are ignored, {@code java.time} values are ISO
 * strings, {@code Optional} is supported, and trailing tokens after the document are an error.
 */
public interface JsonCodec {

    /** Content type of JSON messages. */
    String CONTENT_TYPE = "application/json";

    /** Which Jackson this is, e.g. {@code "Jackson 2"}, for messages. */
    String name();

    /**
     * The JSON of {@code value}.
     *
     * @throws IllegalArgumentException naming the type when Jackson cannot write it
     */
    byte[] write(Object value);

    /**
     * Reads {@code body} into {@code type}.
     *
     * @throws UndecodableMessageException naming the reason when the bytes are not JSON or the
     *     document does not fit the type
     */
    Object read(byte[] body, Type type);

    /** Jackson 3 when {@code tools.jackson.databind} is visible to {@code loader}, else Jackson 2. */
    static JsonCodec forClasspath(ClassLoader loader) {
        try {
            Class.forName("tools.jackson.databind.json.JsonMapper", false, loader);
            Class.forName("tools.jackson.databind.json.JsonMapper", false, JsonCodec.class.getClassLoader());
            return jackson3();
        } catch (ClassNotFoundException | LinkageError e) {
            return jackson2();
        }
    }

    /** Jackson 2 with the java.time, Jdk8 and parameter-names modules. */
    static JsonCodec jackson2() {
        return new Jackson2Codec();
    }

    /** Jackson 3 (needs {@code tools.jackson.core:jackson-databind} on the classpath). */
    static JsonCodec jackson3() {
        return new Jackson3Codec();
    }
}
