package dev.eventcontracts.registry.server;

import static dev.eventcontracts.registry.testing.Avsc.ORDER_V1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.registry.EmbeddedRegistry;
import dev.eventcontracts.registry.testing.Http;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inputs that once made the registry answer 500 (issue 19): schemas Avro's parser refuses,
 * JSON nested past the depth limit, names longer than a file name, text after the document, odd
 * version strings and content types. Each gets a 4xx naming the problem, over the file store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final String ARTIFACTS = "/groups/g/artifacts";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    static final String DUPLICATE_FIELD =
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"int\"}]}";
    static final String NESTED_UNION = "[\"null\",[\"int\",\"string\"]]";
    static final String DUPLICATE_IN_UNION = "[\"int\",\"int\"]";
    static final String NEGATIVE_FIXED = "{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}";

    @TempDir
    Path storage;

    private EmbeddedRegistry registry;
    private Http apicurio;
    private Http ccompat;

    record Case(String name, String schema, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() {
        registry = EmbeddedRegistry.builder().storage(storage).build().start();
        apicurio = new Http(registry.uri());
        ccompat = new Http(registry.ccompatUri());
        assertThat(apicurio.send("POST", ARTIFACTS, ORDER_V1, Map.of("X-Registry-ArtifactId", "orders"))
                        .status())
                .isEqualTo(200);
        assertThat(ccompat.send("POST", "/subjects/hostile/versions", "{\"schema\":" + Http.quote(ORDER_V1) + "}", JSON)
                        .status())
                .isEqualTo(200);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    Stream<Case> invalidSchemas() {
        return Stream.of(
                new Case("record with a duplicate field", DUPLICATE_FIELD, "Duplicate field"),
                new Case("nested union", NESTED_UNION, "Nested union"),
                new Case("duplicate type in a union", DUPLICATE_IN_UNION, "Duplicate in union"),
                new Case("fixed of size -1", NEGATIVE_FIXED, "negative"),
                new Case("JSON nested 1,200 deep", "[".repeat(1200) + "]".repeat(1200), "nested deeper than the limit"),
                new Case("Avro record nested 334 deep", nestedRecord(334), "nested deeper than the limit"),
                new Case("text after the document", "{\"type\":\"string\"} trailing", "trailing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSchemas")
    void apicurioCreate_invalidSchema_answers422NamingTheProblem(Case c) {
        assertUnprocessable(apicurio.send("POST", ARTIFACTS, c.schema(), JSON), c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSchemas")
    void apicurioUpdateVersionsAndTest_invalidSchema_answer422(Case c) {
        assertUnprocessable(apicurio.send("PUT", ARTIFACTS + "/orders", c.schema(), JSON), c);
        assertUnprocessable(apicurio.send("POST", ARTIFACTS + "/orders/versions", c.schema(), JSON), c);
        assertUnprocessable(apicurio.send("PUT", ARTIFACTS + "/orders/test", c.schema(), JSON), c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSchemas")
    void ccompatRegisterAndCompatibility_invalidSchema_answer422With42201(Case c) {
        String body = "{\"schema\":" + Http.quote(c.schema()) + "}";
        for (String path : new String[] {"/subjects/hostile/versions", "/compatibility/subjects/hostile/versions"}) {
            Http.Reply reply = ccompat.send("POST", path, body, JSON);
            assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(422);
            assertThat(reply.json().path("error_code").asInt()).isEqualTo(42201);
            assertThat(reply.json().path("message").asText()).containsIgnoringCase(c.messagePart());
        }
    }

    @Test
    void ccompatBody_nestedPastTheLimit_answers422NamingTheLimit() {
        String deep = "{\"a\":" + "[".repeat(1100) + "]".repeat(1100) + "}";
        Http.Reply reply = ccompat.send("POST", "/subjects/deep/versions", deep, JSON);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().path("message").asText()).contains("nested deeper than the limit of 1000");
    }

    @Test
    void ccompatBody_textAfterTheDocument_isRefused() {
        String body = "{\"schema\":\"\\\"string\\\"\"} {\"schema\":\"\\\"int\\\"\"}";
        Http.Reply reply = ccompat.send("POST", "/subjects/trailing/versions", body, JSON);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().path("message").asText()).contains("not valid JSON");
    }

    @Test
    void longArtifactAndGroupIds_areStoredUnderSafeFileNames_andServedBack() {
        String id = "a".repeat(300);
        String group = "g%C3%A9".repeat(60); // "gé" x 60: 120 characters, 540 once encoded for a file name
        Http.Reply created =
                apicurio.send("POST", "/groups/" + group + "/artifacts", ORDER_V1, Map.of("X-Registry-ArtifactId", id));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(apicurio.get("/groups/" + group + "/artifacts/" + id).status())
                .isEqualTo(200);
        Http.Reply subject = ccompat.send(
                "POST",
                "/subjects/" + "s".repeat(400) + "/versions",
                "{\"schema\":" + Http.quote(ORDER_V1) + "}",
                JSON);
        assertThat(subject.status()).as(subject.body()).isEqualTo(200);
    }

    @Test
    void longVersion_isStoredWhenValid_andRefusedPastTheLimit() {
        Http.Reply ok = apicurio.send(
                "POST", ARTIFACTS + "/orders/versions", ORDER_V1, Map.of("X-Registry-Version", "v".repeat(256)));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        Http.Reply tooLong = apicurio.send(
                "POST", ARTIFACTS + "/orders/versions", ORDER_V1, Map.of("X-Registry-Version", "v".repeat(257)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("message").asText())
                .contains("257 characters")
                .contains("1 to 256");
    }

    @ParameterizedTest
    @MethodSource("oddVersions")
    void oddVersionString_answers400NamingTheRule(String version) {
        Http.Reply reply =
                apicurio.send("POST", ARTIFACTS + "/orders/versions", ORDER_V1, Map.of("X-Registry-Version", version));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().path("name").asText()).isEqualTo("BadRequestException");
        assertThat(reply.json().path("message").asText())
                .contains("Invalid version")
                .contains("A-Z a-z 0-9");
    }

    Stream<String> oddVersions() {
        return Stream.of("..", ".", "a/b", "a b", "1\\2");
    }

    @Test
    void ccompat_wrongContentType_answers415() {
        Http.Reply reply = ccompat.send(
                "POST",
                "/subjects/xml/versions",
                "{\"schema\":" + Http.quote(ORDER_V1) + "}",
                Map.of("Content-Type", "application/xml"));
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().path("message").asText()).contains("application/xml");
    }

    @Test
    void adminRules_wrongContentType_answers415() {
        Http.Reply reply = apicurio.send(
                "POST",
                "/admin/rules",
                "{\"type\":\"VALIDITY\",\"config\":\"FULL\"}",
                Map.of("Content-Type", "text/xml"));
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().path("message").asText()).contains("text/xml");
    }

    private static void assertUnprocessable(Http.Reply reply, Case c) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().path("name").asText()).isEqualTo("UnprocessableSchemaException");
        assertThat(reply.json().path("message").asText()).containsIgnoringCase(c.messagePart());
    }

    /** A valid Avro record with {@code depth} records nested in one another. */
    static String nestedRecord(int depth) {
        String schema = "\"int\"";
        for (int i = depth; i > 0; i--) {
            schema = "{\"type\":\"record\",\"name\":\"R" + i + "\",\"fields\":[{\"name\":\"f\",\"type\":" + schema
                    + "}]}";
        }
        return schema;
    }
}
