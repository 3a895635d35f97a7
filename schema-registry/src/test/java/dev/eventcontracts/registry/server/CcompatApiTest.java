package dev.eventcontracts.registry.server;

import static dev.eventcontracts.registry.testing.Avsc.ORDER_BREAKING;
import static dev.eventcontracts.registry.testing.Avsc.ORDER_V1;
import static dev.eventcontracts.registry.testing.Avsc.ORDER_V2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventcontracts.registry.EmbeddedRegistry;
import dev.eventcontracts.registry.testing.Http;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Confluent-compatible API through plain HTTP, as Confluent serdes call it. */
class CcompatApiTest {

    private static final Map<String, String> CONFLUENT =
            Map.of("Content-Type", "application/vnd.schemaregistry.v1+json");

    private EmbeddedRegistry registry;
    private Http http;

    @BeforeEach
    void start() {
        registry = EmbeddedRegistry.builder().build().start();
        http = new Http(registry.ccompatUri());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void register_sameSchemaTwice_returnsSameIdAndOneVersion() {
        long id = register("orders-value", ORDER_V1).path("id").asLong();
        long again = register("orders-value", ORDER_V1).path("id").asLong();
        long v2 = register("orders-value", ORDER_V2).path("id").asLong();

        assertThat(again).isEqualTo(id);
        assertThat(v2).isNotEqualTo(id);
        assertThat(http.get("/subjects/orders-value/versions").json()).hasToString("[1,2]");
        assertThat(http.get("/subjects").json()).hasToString("[\"orders-value\"]");
    }

    @Test
    void versionsAndSchemas_areReadableByVersionLatestAndId() {
        long id = register("orders-value", ORDER_V1).path("id").asLong();
        register("orders-value", ORDER_V2);

        JsonNode latest = http.get("/subjects/orders-value/versions/latest").json();
        assertThat(latest.path("version").asInt()).isEqualTo(2);
        assertThat(latest.path("subject").asText()).isEqualTo("orders-value");
        assertThat(latest.path("schemaType").asText()).isEqualTo("AVRO");
        assertThat(parse(http.get("/subjects/orders-value/versions/1/schema").body()))
                .isEqualTo(parse(ORDER_V1));
        assertThat(http.get("/subjects/orders-value/versions/1")
                        .json()
                        .path("id")
                        .asLong())
                .isEqualTo(id);
        assertThat(parse(http.get("/schemas/ids/" + id).json().path("schema").asText()))
                .isEqualTo(parse(ORDER_V1));
        assertThat(http.get("/schemas/ids/" + id + "/versions").json())
                .hasToString("[{\"subject\":\"orders-value\",\"version\":1}]");
        assertThat(http.get("/schemas/types").json()).hasToString("[\"AVRO\"]");
    }

    @Test
    void lookup_findsTheVersionOfRegisteredContent_and404sOtherwise() {
        register("orders-value", ORDER_V1);

        Http.Reply found = http.send("POST", "/subjects/orders-value", body(ORDER_V1), CONFLUENT);
        Http.Reply missing = http.send("POST", "/subjects/orders-value", body(ORDER_V2), CONFLUENT);

        assertThat(found.json().path("version").asInt()).isEqualTo(1);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error_code").asInt()).isEqualTo(40403);
    }

    @Test
    void compatibility_underSubjectConfig_reportsBreaksVerbosely() {
        register("orders-value", ORDER_V1);
        Http.Reply config = http.send("PUT", "/config/orders-value", "{\"compatibility\":\"BACKWARD\"}", CONFLUENT);
        assertThat(config.json().path("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(http.get("/config/orders-value")
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD");

        JsonNode ok = http.send(
                        "POST", "/compatibility/subjects/orders-value/versions/latest", body(ORDER_V2), CONFLUENT)
                .json();
        JsonNode broken = http.send(
                        "POST",
                        "/compatibility/subjects/orders-value/versions?verbose=true",
                        body(ORDER_BREAKING),
                        CONFLUENT)
                .json();
        JsonNode againstV1 = http.send(
                        "POST", "/compatibility/subjects/orders-value/versions/1", body(ORDER_BREAKING), CONFLUENT)
                .json();

        assertThat(ok.path("is_compatible").asBoolean()).isTrue();
        assertThat(broken.path("is_compatible").asBoolean()).isFalse();
        assertThat(broken.path("messages").toString()).contains("customerEmail");
        assertThat(againstV1.path("is_compatible").asBoolean()).isFalse();
    }

    @Test
    void register_incompatibleUnderGlobalConfig_is409WithTheCauses() {
        assertThat(http.send("PUT", "/config", "{\"compatibility\":\"FULL\"}", CONFLUENT)
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/config").json().path("compatibilityLevel").asText())
                .isEqualTo("FULL");
        register("orders-value", ORDER_V1);

        Http.Reply refused = http.send("POST", "/subjects/orders-value/versions", body(ORDER_BREAKING), CONFLUENT);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error_code").asInt()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("customerEmail");
    }

    @Test
    void errors_useConfluentCodes() {
        register("orders-value", ORDER_V1);

        assertThat(http.get("/subjects/nope/versions").json().path("error_code").asInt())
                .isEqualTo(40401);
        assertThat(http.get("/subjects/orders-value/versions/7")
                        .json()
                        .path("error_code")
                        .asInt())
                .isEqualTo(40402);
        assertThat(http.get("/subjects/orders-value/versions/x")
                        .json()
                        .path("error_code")
                        .asInt())
                .isEqualTo(42202);
        assertThat(http.get("/schemas/ids/999").json().path("error_code").asInt())
                .isEqualTo(40403);
        Http.Reply invalid = http.send(
                "POST", "/subjects/orders-value/versions", "{\"schema\":\"{\\\"type\\\":\\\"nope\\\"}\"}", CONFLUENT);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("error_code").asInt()).isEqualTo(42201);
        Http.Reply empty = http.send("POST", "/subjects/orders-value/versions", "", CONFLUENT);
        assertThat(empty.status()).isEqualTo(422);
        Http.Reply level = http.send("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}", CONFLUENT);
        assertThat(level.json().path("error_code").asInt()).isEqualTo(42203);
    }

    @Test
    void deleteSubject_returnsItsVersions_andModeIsReadWrite() {
        register("orders-value", ORDER_V1);
        register("orders-value", ORDER_V2);

        assertThat(http.send("DELETE", "/subjects/orders-value", (String) null, Map.of())
                        .json())
                .hasToString("[1,2]");
        assertThat(http.get("/subjects").json()).hasToString("[]");
        assertThat(http.get("/mode").json().path("mode").asText()).isEqualTo("READWRITE");
    }

    @Test
    void deleteVersion_removesOnlyThatVersion() {
        register("orders-value", ORDER_V1);
        register("orders-value", ORDER_V2);

        Http.Reply deleted = http.send("DELETE", "/subjects/orders-value/versions/2", (String) null, Map.of());

        assertThat(deleted.json().asInt()).isEqualTo(2);
        assertThat(http.get("/subjects/orders-value/versions").json()).hasToString("[1]");
        assertThat(http.send("DELETE", "/subjects/orders-value/versions/2", (String) null, Map.of())
                        .json()
                        .path("error_code")
                        .asInt())
                .isEqualTo(40402);
    }

    @Test
    void groupHeader_selectsAnApicurioGroup() {
        Map<String, String> inGroup = Map.of("Content-Type", "application/json", "X-Registry-GroupId", "payments");
        http.send("POST", "/subjects/orders-value/versions", body(ORDER_V1), inGroup);

        assertThat(http.get("/subjects").json()).hasToString("[]");
        assertThat(registry.store().artifacts("payments")).hasSize(1);
    }

    private JsonNode register(String subject, String schema) {
        Http.Reply reply = http.send("POST", "/subjects/" + subject + "/versions", body(schema), CONFLUENT);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static String body(String schema) {
        return "{\"schema\":" + Http.quote(schema) + "}";
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}
