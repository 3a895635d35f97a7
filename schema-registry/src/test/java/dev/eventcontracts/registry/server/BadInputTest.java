package dev.eventcontracts.registry.server;

import static dev.eventcontracts.registry.testing.Avsc.ORDER_V1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.registry.EmbeddedRegistry;
import dev.eventcontracts.registry.testing.Http;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests get a 4xx with an Apicurio error body and a message, never a 500. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final String ARTIFACTS = "/groups/g/artifacts";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private EmbeddedRegistry registry;
    private Http http;

    record Case(
            String name,
            String method,
            String path,
            byte[] body,
            Map<String, String> headers,
            int status,
            String errorName,
            String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() {
        registry = EmbeddedRegistry.builder().maxBodyBytes(1024 * 1024).build().start();
        http = new Http(registry.uri());
        Http.Reply created = http.send("POST", ARTIFACTS, ORDER_V1, Map.of("X-Registry-ArtifactId", "orders"));
        assertThat(created.status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    Stream<Case> cases() {
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        return Stream.of(
                new Case(
                        "empty body",
                        "POST",
                        ARTIFACTS,
                        new byte[0],
                        JSON,
                        400,
                        "BadRequestException",
                        "Empty content"),
                new Case(
                        "blank body",
                        "POST",
                        ARTIFACTS + "/orders/versions",
                        "  \n".getBytes(),
                        JSON,
                        400,
                        "BadRequestException",
                        "Empty content"),
                new Case(
                        "not JSON",
                        "POST",
                        ARTIFACTS,
                        "hello".getBytes(),
                        JSON,
                        422,
                        "UnprocessableSchemaException",
                        "not valid JSON"),
                new Case(
                        "JSON but not a schema",
                        "POST",
                        ARTIFACTS,
                        "{\"foo\": 1}".getBytes(),
                        JSON,
                        422,
                        "UnprocessableSchemaException",
                        "not a valid Avro schema"),
                new Case(
                        "unknown Avro type",
                        "POST",
                        ARTIFACTS,
                        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"nope\"}]}"
                                .getBytes(),
                        JSON,
                        422,
                        "UnprocessableSchemaException",
                        "nope"),
                new Case(
                        "bad default",
                        "POST",
                        ARTIFACTS,
                        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}"
                                .getBytes(),
                        JSON,
                        422,
                        "UnprocessableSchemaException",
                        "default"),
                new Case(
                        "wrong content type",
                        "POST",
                        ARTIFACTS,
                        ORDER_V1.getBytes(),
                        Map.of("Content-Type", "application/xml"),
                        415,
                        "BadRequestException",
                        "application/xml"),
                new Case("huge body", "POST", ARTIFACTS, huge, JSON, 413, "LimitExceededException", "too large"),
                new Case(
                        "unknown ifExists",
                        "POST",
                        ARTIFACTS + "?ifExists=MAYBE",
                        ORDER_V1.getBytes(),
                        JSON,
                        400,
                        "BadRequestException",
                        "MAYBE"),
                new Case(
                        "non-Avro type",
                        "POST",
                        ARTIFACTS,
                        ORDER_V1.getBytes(),
                        Map.of("X-Registry-ArtifactType", "PROTOBUF"),
                        400,
                        "InvalidArtifactTypeException",
                        "PROTOBUF"),
                new Case(
                        "bad base64 name",
                        "POST",
                        ARTIFACTS,
                        ORDER_V1.getBytes(),
                        Map.of("X-Registry-Name-Encoded", "%%%"),
                        400,
                        "BadRequestException",
                        "base64"),
                new Case(
                        "both name headers",
                        "POST",
                        ARTIFACTS,
                        ORDER_V1.getBytes(),
                        Map.of("X-Registry-Name", "a", "X-Registry-Name-Encoded", "YQ=="),
                        409,
                        "ParametersConflictException",
                        "only one"),
                new Case(
                        "hash mismatch",
                        "POST",
                        ARTIFACTS,
                        ORDER_V1.getBytes(),
                        Map.of("X-Registry-Content-Hash", "abc", "X-Registry-Hash-Algorithm", "SHA256"),
                        400,
                        "BadRequestException",
                        "does not match"),
                new Case(
                        "extended body not JSON",
                        "POST",
                        ARTIFACTS,
                        "{".getBytes(),
                        Map.of("Content-Type", "application/create.extended+json"),
                        400,
                        "BadRequestException",
                        "not valid JSON"),
                new Case(
                        "extended body with references",
                        "POST",
                        ARTIFACTS,
                        ("{\"content\":" + Http.quote(ORDER_V1) + ",\"references\":[{\"name\":\"x\"}]}").getBytes(),
                        Map.of("Content-Type", "application/create.extended+json"),
                        400,
                        "BadRequestException",
                        "references"),
                new Case(
                        "unknown endpoint",
                        "GET",
                        "/nothing/here",
                        null,
                        Map.of(),
                        404,
                        "NotFoundException",
                        "/nothing/here"),
                new Case(
                        "wrong method",
                        "PATCH",
                        ARTIFACTS + "/orders",
                        ORDER_V1.getBytes(),
                        JSON,
                        405,
                        "MethodNotAllowedException",
                        "PATCH"),
                new Case(
                        "global id not a number",
                        "GET",
                        "/ids/globalIds/abc",
                        null,
                        Map.of(),
                        400,
                        "BadRequestException",
                        "abc"),
                new Case(
                        "rule without body",
                        "POST",
                        ARTIFACTS + "/orders/rules",
                        new byte[0],
                        JSON,
                        400,
                        "MissingRequiredParameterException",
                        "empty"),
                new Case(
                        "rule of unknown type",
                        "POST",
                        "/admin/rules",
                        "{\"type\":\"SPEED\",\"config\":\"FAST\"}".getBytes(),
                        JSON,
                        400,
                        "BadRequestException",
                        "SPEED"),
                new Case(
                        "rule with bad config",
                        "POST",
                        "/admin/rules",
                        "{\"type\":\"COMPATIBILITY\",\"config\":\"SIDEWAYS\"}".getBytes(),
                        JSON,
                        400,
                        "InvalidPropertyValueException",
                        "SIDEWAYS"),
                new Case(
                        "rule not JSON",
                        "PUT",
                        "/admin/rules/COMPATIBILITY",
                        "][".getBytes(),
                        JSON,
                        400,
                        "BadRequestException",
                        "not valid JSON"),
                new Case(
                        "search with bad property filter",
                        "GET",
                        "/search/artifacts?properties=nocolon",
                        null,
                        Map.of(),
                        400,
                        "BadRequestException",
                        "key:value"),
                new Case(
                        "search with bad offset",
                        "GET",
                        "/search/artifacts?offset=ten",
                        null,
                        Map.of(),
                        400,
                        "BadRequestException",
                        "ten"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badRequest_gets4xxWithErrorNameAndMessage(Case c) {
        Http.Reply reply = http.send(c.method(), c.path(), c.body(), c.headers());

        assertThat(reply.status()).as(reply.body()).isEqualTo(c.status());
        assertThat(reply.json().path("error_code").asInt()).isEqualTo(c.status());
        assertThat(reply.json().path("name").asText()).isEqualTo(c.errorName());
        assertThat(reply.json().path("message").asText()).contains(c.messagePart());
    }

    @Test
    void afterBadRequests_theServerStillServes() {
        Http.Reply reply = http.get("/groups/g/artifacts/orders/meta");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("createdOn").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");
    }
}
