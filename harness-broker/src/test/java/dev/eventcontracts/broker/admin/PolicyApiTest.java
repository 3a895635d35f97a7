package dev.eventcontracts.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.core.policies.ApplyTo;
import dev.eventcontracts.broker.core.policies.Policy;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/policies} in the request and response shapes of RabbitMQ's management API. */
class PolicyApiTest {
    private static final String BODY =
            "{\"pattern\":\"^orders\\\\.\",\"definition\":{\"max-length\":1000,\"dead-letter-exchange\":\"dlx\"},"
                    + "\"priority\":3,\"apply-to\":\"queues\"}";

    private HarnessBroker broker;
    private AdminClient admin;

    @BeforeEach
    void start() {
        broker = HarnessBroker.builder().build().start();
        admin = new AdminClient(broker.adminUri());
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void put_createsWith201_replacesWith204_andGetShowsRabbitMqsShape() {
        assertThat(admin.put("/api/policies/%2F/limits", BODY).status()).isEqualTo(201);
        assertThat(admin.put("/api/policies/%2F/limits", BODY).status()).isEqualTo(204);
        JsonNode all = admin.getJson("/api/policies");
        assertThat(all).hasSize(1);
        JsonNode p = all.get(0);
        assertThat(p.get("vhost").asText()).isEqualTo("/");
        assertThat(p.get("name").asText()).isEqualTo("limits");
        assertThat(p.get("pattern").asText()).isEqualTo("^orders\\.");
        assertThat(p.get("apply-to").asText()).isEqualTo("queues");
        assertThat(p.get("priority").asInt()).isEqualTo(3);
        assertThat(p.get("definition").get("max-length").asLong()).isEqualTo(1000);
        assertThat(p.get("definition").get("dead-letter-exchange").asText()).isEqualTo("dlx");
        assertThat(admin.getJson("/api/policies/%2F")).isEqualTo(all);
        assertThat(admin.getJson("/api/policies/%2F/limits")).isEqualTo(p);
    }

    @Test
    void put_withoutPriorityAndApplyTo_takesRabbitMqsDefaults() {
        admin.put("/api/policies/%2F/p", "{\"pattern\":\".*\",\"definition\":{\"message-ttl\":100}}");
        JsonNode p = admin.getJson("/api/policies/%2F/p");
        assertThat(p.get("apply-to").asText()).isEqualTo("all");
        assertThat(p.get("priority").asInt()).isZero();
    }

    @Test
    void delete_removesWith204_thenGetAndDeleteAre404() {
        admin.put("/api/policies/%2F/limits", BODY);
        assertThat(admin.delete("/api/policies/%2F/limits").status()).isEqualTo(204);
        assertThat(admin.get("/api/policies/%2F/limits").status()).isEqualTo(404);
        AdminClient.Reply again = admin.delete("/api/policies/%2F/limits");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("reason").asText()).isEqualTo("no policy 'limits' in vhost '/'");
    }

    @Test
    void badBodies_are400_namingTheFieldAndTheFix() {
        assertThat(reason(admin.put("/api/policies/%2F/p", "{not json"))).contains("is not JSON");
        assertThat(reason(admin.put("/api/policies/%2F/p", "{\"definition\":{\"max-length\":1}}")))
                .contains("pattern: is missing");
        assertThat(reason(admin.put("/api/policies/%2F/p", "{\"pattern\":\".*\"}")))
                .contains("definition: must be a JSON object");
        assertThat(reason(admin.put("/api/policies/%2F/p", "{\"pattern\":\"(\",\"definition\":{\"max-length\":1}}")))
                .contains("pattern should be regular expression but is invalid");
        assertThat(reason(admin.put("/api/policies/%2F/p", "{\"pattern\":\".*\",\"definition\":{\"max-length\":-1}}")))
                .contains("definition.max-length: Validation failed: -1 is not a valid maximum length")
                .contains("use a non-negative integer");
        assertThat(reason(admin.put(
                        "/api/policies/%2F/p", "{\"pattern\":\".*\",\"definition\":{\"max-length\":1},\"colour\":1}")))
                .contains("colour: unknown field");
        assertThat(admin.getJson("/api/policies")).isEmpty();
    }

    @Test
    void unknownVhost_is404_andPostIs405() {
        assertThat(admin.put("/api/policies/orders/p", BODY).status()).isEqualTo(404);
        assertThat(admin.post("/api/policies/%2F/p", BODY).status()).isEqualTo(405);
    }

    @Test
    void policiesSetThroughTheApi_areThoseOfTheJavaApi_andApplyToQueues() throws Exception {
        broker.setPolicy(new Policy("java", "^j$", ApplyTo.QUEUES, 0, Map.of("max-length", 1)));
        admin.put("/api/policies/%2F/http", "{\"pattern\":\"^h$\",\"definition\":{\"max-length\":2}}");
        assertThat(broker.policies()).extracting(Policy::name).containsExactly("http", "java");
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        try (Connection c = f.newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("h", false, false, false, null);
            ch.confirmSelect();
            for (int i = 0; i < 4; i++) {
                ch.basicPublish("", "h", null, new byte[] {(byte) i});
            }
            ch.waitForConfirmsOrDie(5000);
            assertThat(ch.queueDeclarePassive("h").getMessageCount()).isEqualTo(2);
        }
        assertThat(admin.getJson("/api/queues/%2F/h").get("policy").asText()).isEqualTo("http");
    }

    private static String reason(AdminClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().get("reason").asText();
    }
}
