package dev.eventcontracts.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.eventcontracts.broker.HarnessBroker;
import dev.eventcontracts.broker.admin.definitions.DefinitionsException;
import dev.eventcontracts.broker.amqp.connection.PasswordHash;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definitions in RabbitMQ's format: export, import over HTTP, and loading a file at start. */
class DefinitionsTest {
    private final List<HarnessBroker> brokers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        brokers.forEach(HarnessBroker::close);
    }

    private HarnessBroker start(HarnessBroker.Builder b) {
        HarnessBroker broker = b.build().start();
        brokers.add(broker);
        return broker;
    }

    private static Channel channel(URI uri) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri);
        f.setAutomaticRecoveryEnabled(false);
        Connection c = f.newConnection();
        return c.createChannel();
    }

    private static void productionTopology(HarnessBroker broker) throws Exception {
        Channel ch = channel(broker.amqpUri());
        ch.exchangeDeclare("orders", "topic", true);
        ch.exchangeDeclare("orders.dlx", "fanout", true);
        ch.queueDeclare("inventory.order-placed", true, false, false, Map.of("x-queue-type", "classic"));
        ch.queueDeclare("inventory.order-placed.dlq", true, false, false, null);
        ch.queueBind("inventory.order-placed", "orders", "order.placed");
        ch.queueBind("inventory.order-placed.dlq", "orders.dlx", "");
        ch.queueDeclare("", false, true, true, null); // exclusive: not exported
        new AdminClient(broker.adminUri())
                .put(
                        "/api/policies/%2F/dlx",
                        "{\"pattern\":\"^inventory\\\\.\",\"definition\":{\"dead-letter-exchange\":\"orders.dlx\"},"
                                + "\"apply-to\":\"queues\",\"priority\":1}");
        ch.getConnection().close();
    }

    @Test
    void export_hasRabbitMqsKeysAndShapes_withoutExclusiveQueuesAndBuiltInExchanges() throws Exception {
        HarnessBroker broker = start(HarnessBroker.builder());
        productionTopology(broker);
        JsonNode d = new AdminClient(broker.adminUri()).getJson("/api/definitions");
        List<String> keys = new ArrayList<>();
        d.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .contains(
                        "rabbit_version",
                        "users",
                        "vhosts",
                        "permissions",
                        "topic_permissions",
                        "parameters",
                        "global_parameters",
                        "policies",
                        "queues",
                        "exchanges",
                        "bindings");
        JsonNode guest = d.get("users").get(0);
        assertThat(guest.get("name").asText()).isEqualTo("guest");
        assertThat(guest.get("hashing_algorithm").asText()).isEqualTo("rabbit_password_hashing_sha256");
        assertThat(PasswordHash.matches(guest.get("password_hash").asText(), "guest"))
                .isTrue();
        assertThat(d.get("vhosts").get(0).get("name").asText()).isEqualTo("/");
        assertThat(d.get("permissions").get(0).get("configure").asText()).isEqualTo(".*");
        assertThat(d.get("queues"))
                .extracting(q -> q.get("name").asText())
                .containsExactly("inventory.order-placed", "inventory.order-placed.dlq");
        List<String> queueFields = new ArrayList<>();
        d.get("queues").get(0).fieldNames().forEachRemaining(queueFields::add);
        assertThat(queueFields).containsExactly("name", "vhost", "durable", "auto_delete", "type", "arguments");
        assertThat(d.get("queues").get(0).get("arguments").get("x-queue-type").asText())
                .isEqualTo("classic");
        assertThat(d.get("exchanges")).extracting(e -> e.get("name").asText()).containsExactly("orders", "orders.dlx");
        assertThat(d.get("bindings")).extracting(b -> b.get("source").asText()).containsExactly("orders", "orders.dlx");
        assertThat(d.get("policies")
                        .get(0)
                        .get("definition")
                        .get("dead-letter-exchange")
                        .asText())
                .isEqualTo("orders.dlx");
    }

    @Test
    void exportPostedToAnotherBroker_reproducesTheSameDefinitions() throws Exception {
        HarnessBroker production = start(HarnessBroker.builder());
        productionTopology(production);
        String exported =
                new AdminClient(production.adminUri()).get("/api/definitions").body();
        HarnessBroker copy = start(HarnessBroker.builder());
        AdminClient copyAdmin = new AdminClient(copy.adminUri());
        assertThat(copyAdmin.post("/api/definitions", exported).status()).isEqualTo(204);
        assertThat(copyAdmin.getJson("/api/definitions"))
                .isEqualTo(new AdminClient(production.adminUri()).getJson("/api/definitions"));
        assertThat(copyAdmin
                        .getJson("/api/queues/%2F/inventory.order-placed")
                        .get("policy")
                        .asText())
                .isEqualTo("dlx");
    }

    @Test
    void definitionsFile_loadsAtStart_addsItsUsers_andGuestStays() throws Exception {
        Path file = dir.resolve("definitions.json");
        Files.writeString(file, """
                {"users":[{"name":"orders-app","password_hash":"%s","hashing_algorithm":"rabbit_password_hashing_sha256","tags":""}],
                 "vhosts":[{"name":"/"}],
                 "permissions":[{"user":"orders-app","vhost":"/","configure":"^$","write":"^orders$","read":"^$"}],
                 "policies":[{"vhost":"/","name":"limit","pattern":"^orders-in$","apply-to":"queues","definition":{"max-length":1},"priority":0}],
                 "exchanges":[{"name":"orders","vhost":"/","type":"fanout","durable":true,"auto_delete":false,"internal":false,"arguments":{}}],
                 "queues":[{"name":"orders-in","vhost":"/","durable":true,"auto_delete":false,"arguments":{"x-message-ttl":60000}}],
                 "bindings":[{"source":"orders","vhost":"/","destination":"orders-in","destination_type":"queue","routing_key":"","arguments":{}}]}
                """.formatted(PasswordHash.hash("s3cret")));
        HarnessBroker broker = start(HarnessBroker.builder().definitions(file));
        URI app = URI.create("amqp://orders-app:s3cret@" + broker.bindAddress() + ":" + broker.port());
        Channel ch = channel(app);
        ch.confirmSelect();
        ch.basicPublish("orders", "", null, "a".getBytes());
        ch.basicPublish("orders", "", null, "b".getBytes());
        ch.waitForConfirmsOrDie(5000);
        Channel guest = channel(broker.amqpUri());
        assertThat(guest.queueDeclarePassive("orders-in").getMessageCount()).isEqualTo(1);
        assertThat(new String(guest.basicGet("orders-in", true).getBody())).isEqualTo("b");
    }

    @Test
    void postedUsers_canLogInAtOnce_withTheirPermissions() throws Exception {
        HarnessBroker broker = start(HarnessBroker.builder());
        AdminClient admin = new AdminClient(broker.adminUri());
        AdminClient.Reply r = admin.post("/api/definitions", """
                {"users":[{"name":"reporter","password":"s3cret","tags":["monitoring"]}],
                 "permissions":[{"user":"reporter","vhost":"/","configure":"^$","write":"^$","read":".*"}]}
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        Channel ch = channel(URI.create("amqp://reporter:s3cret@" + broker.bindAddress() + ":" + broker.port()));
        assertThatThrownBy(() -> ch.queueDeclare("reports", false, false, false, null))
                .hasStackTraceContaining("ACCESS_REFUSED");
        JsonNode exported = admin.getJson("/api/definitions");
        assertThat(exported.get("users"))
                .extracting(u -> u.get("name").asText())
                .containsExactly("guest", "reporter");
        assertThat(exported.get("users").get(1).get("tags").get(0).asText()).isEqualTo("monitoring");
        assertThat(exported.get("permissions").get(1).get("configure").asText()).isEqualTo("^$");
    }

    private Path file(String json) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void badFiles_areRefusedNamingTheFileTheJsonPathAndTheFix() throws Exception {
        Path malformed = file("{\"queues\": [");
        assertThatThrownBy(() -> HarnessBroker.builder().definitions(malformed).build())
                .isInstanceOf(DefinitionsException.class)
                .hasMessageStartingWith(malformed + ": is not JSON (line 1");
        Path vhost = file("{\"vhosts\":[{\"name\":\"/\"},{\"name\":\"billing\"}]}");
        assertThatThrownBy(() -> HarnessBroker.builder().definitions(vhost).build())
                .hasMessageStartingWith(vhost + ": vhosts[1].name: vhost 'billing' does not exist in the harness"
                        + " broker, which has only '/'");
        Path wrongType = file("{\"queues\":[{\"name\":\"q\",\"vhost\":\"/\",\"durable\":\"yes\"}]}");
        assertThatThrownBy(() -> HarnessBroker.builder().definitions(wrongType).build())
                .hasMessage(wrongType + ": queues[0].durable: must be true or false, got a string \"yes\"");
        Path md5 = file("{\"users\":[{\"name\":\"u\",\"password_hash\":\"x\",\"hashing_algorithm\":"
                + "\"rabbit_password_hashing_md5\"}]}");
        assertThatThrownBy(() -> HarnessBroker.builder().definitions(md5).build())
                .hasMessageContaining("users[0].hashing_algorithm: 'rabbit_password_hashing_md5' is not supported");
        Path policy =
                file("{\"policies\":[{\"name\":\"p\",\"pattern\":\".*\",\"definition\":{\"message-ttl\":\"1s\"}}]}");
        assertThatThrownBy(() -> HarnessBroker.builder().definitions(policy).build())
                .hasMessageContaining("policies[0].definition.message-ttl: Validation failed: <<\"1s\">> is not a"
                        + " valid message TTL");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> HarnessBroker.builder().definitions(missing).build())
                .hasMessage(missing + ": no such file; export one with 'rabbitmqctl export_definitions FILE'");
    }

    @Test
    void bindingToAMissingExchange_failsTheStart_namingThePath() throws Exception {
        Path file = file(
                "{\"queues\":[{\"name\":\"q\",\"vhost\":\"/\"}],"
                        + "\"bindings\":[{\"source\":\"nope\",\"vhost\":\"/\",\"destination\":\"q\",\"destination_type\":\"queue\"}]}");
        HarnessBroker broker = HarnessBroker.builder().definitions(file).build();
        assertThatThrownBy(broker::start)
                .isInstanceOf(DefinitionsException.class)
                .hasMessage(
                        file + ": bindings[0]: NOT_FOUND - no exchange 'nope' in vhost '/'; fix or remove this entry");
    }

    @Test
    void badPost_is400_namingTheJsonPath_andChangesNothingBeforeTheBadEntry() {
        HarnessBroker broker = start(HarnessBroker.builder());
        AdminClient admin = new AdminClient(broker.adminUri());
        AdminClient.Reply r = admin.post(
                "/api/definitions",
                "{\"queues\":[{\"name\":\"q\",\"vhost\":\"/\",\"arguments\":{\"x-max-length\":\"ten\"}}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("reason").asText())
                .startsWith("POST /api/definitions: queues[0]: PRECONDITION_FAILED - invalid arg 'x-max-length'");
        assertThat(admin.post("/api/definitions", "[]").json().get("reason").asText())
                .contains("must be a JSON object");
        assertThat(admin.post("/api/definitions", "{\"queus\":[]}")
                        .json()
                        .get("reason")
                        .asText())
                .contains("queus: unknown key");
    }
}
