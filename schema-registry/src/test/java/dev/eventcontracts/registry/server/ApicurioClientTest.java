package dev.eventcontracts.registry.server;

import static dev.eventcontracts.registry.testing.Avsc.ORDER_BREAKING;
import static dev.eventcontracts.registry.testing.Avsc.ORDER_V1;
import static dev.eventcontracts.registry.testing.Avsc.ORDER_V2;
import static dev.eventcontracts.registry.testing.Avsc.SHIPMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.registry.EmbeddedRegistry;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.client.exception.ArtifactAlreadyExistsException;
import io.apicurio.registry.rest.client.exception.ArtifactNotFoundException;
import io.apicurio.registry.rest.client.exception.ContentNotFoundException;
import io.apicurio.registry.rest.client.exception.RuleAlreadyExistsException;
import io.apicurio.registry.rest.client.exception.RuleNotFoundException;
import io.apicurio.registry.rest.client.exception.RuleViolationException;
import io.apicurio.registry.rest.client.exception.UnprocessableSchemaException;
import io.apicurio.registry.rest.client.exception.VersionAlreadyExistsException;
import io.apicurio.registry.rest.client.exception.VersionNotFoundException;
import io.apicurio.registry.rest.v2.beans.ArtifactMetaData;
import io.apicurio.registry.rest.v2.beans.ArtifactSearchResults;
import io.apicurio.registry.rest.v2.beans.IfExists;
import io.apicurio.registry.rest.v2.beans.Rule;
import io.apicurio.registry.rest.v2.beans.VersionMetaData;
import io.apicurio.registry.rest.v2.beans.VersionSearchResults;
import io.apicurio.registry.types.RuleType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded server through the real apicurio-registry-client 2.6.13.Final. */
class ApicurioClientTest {

    private static final String GROUP = "shop.events";

    private EmbeddedRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() {
        registry = EmbeddedRegistry.builder().build().start();
        client = RegistryClientFactory.create(registry.uri().toString());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        registry.close();
    }

    @Test
    void createArtifact_firstVersion_returnsMetadataWithIdsAndParsableDates() {
        ArtifactMetaData meta = create("orders-value", ORDER_V1, null);

        assertThat(meta.getId()).isEqualTo("orders-value");
        assertThat(meta.getGroupId()).isEqualTo(GROUP);
        assertThat(meta.getVersion()).isEqualTo("1");
        assertThat(meta.getType()).isEqualTo("AVRO");
        assertThat(meta.getGlobalId()).isPositive();
        assertThat(meta.getContentId()).isPositive();
        assertThat(meta.getState().name()).isEqualTo("ENABLED");
        assertThat(meta.getCreatedOn().toInstant())
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    @Test
    void createArtifact_inDefaultGroup_isFoundWithNullGroup() {
        client.createArtifact(null, "orders-value", stream(ORDER_V1));

        assertThat(schema(client.getLatestArtifact(null, "orders-value")))
                .isEqualTo(new Schema.Parser().parse(ORDER_V1));
        assertThat(client.getLatestArtifact("default", "orders-value")).isNotNull();
    }

    @Test
    void createArtifact_existingWithIfExistsFail_throwsArtifactAlreadyExists() {
        create("orders-value", ORDER_V1, null);

        assertThatThrownBy(() -> create("orders-value", ORDER_V2, IfExists.FAIL))
                .isInstanceOf(ArtifactAlreadyExistsException.class)
                .hasMessageContaining("orders-value");
        assertThatThrownBy(() -> create("orders-value", ORDER_V2, null))
                .isInstanceOf(ArtifactAlreadyExistsException.class);
    }

    @Test
    void createArtifact_existingWithIfExistsUpdate_addsVersionWithNewGlobalId() {
        ArtifactMetaData v1 = create("orders-value", ORDER_V1, null);
        ArtifactMetaData v2 = create("orders-value", ORDER_V2, IfExists.UPDATE);

        assertThat(v2.getVersion()).isEqualTo("2");
        assertThat(v2.getGlobalId()).isGreaterThan(v1.getGlobalId());
        assertThat(v2.getContentId()).isNotEqualTo(v1.getContentId());
    }

    @Test
    void createArtifact_existingWithIfExistsReturn_returnsLatestWithoutCheckingRules() {
        create("orders-value", ORDER_V1, null);
        client.createArtifactRule(GROUP, "orders-value", rule(RuleType.COMPATIBILITY, "BACKWARD"));

        ArtifactMetaData returned = create("orders-value", ORDER_BREAKING, IfExists.RETURN);

        assertThat(returned.getVersion()).isEqualTo("1");
        assertThat(client.listArtifactVersions(GROUP, "orders-value", 0, 10).getCount())
                .isEqualTo(1);
    }

    @Test
    void createArtifact_ifExistsReturnOrUpdate_reusesEqualContentAndAddsNewContent() {
        ArtifactMetaData v1 = create("orders-value", ORDER_V1, null);

        ArtifactMetaData same = create("orders-value", ORDER_V1, IfExists.RETURN_OR_UPDATE);
        ArtifactMetaData sameCanonical = client.createArtifact(
                GROUP,
                "orders-value",
                null,
                "AVRO",
                IfExists.RETURN_OR_UPDATE,
                true,
                stream(new Schema.Parser().parse(ORDER_V1).toString(true)));
        ArtifactMetaData updated = create("orders-value", ORDER_V2, IfExists.RETURN_OR_UPDATE);

        assertThat(same.getGlobalId()).isEqualTo(v1.getGlobalId());
        assertThat(sameCanonical.getGlobalId()).isEqualTo(v1.getGlobalId());
        assertThat(updated.getVersion()).isEqualTo("2");
    }

    @Test
    void createArtifact_withNameDescriptionAndVersionHeaders_storesThemDecoded() {
        client.createArtifact(
                GROUP,
                "orders-value",
                "1.0.0",
                "AVRO",
                IfExists.FAIL,
                false,
                "Commandes passées",
                "Événement émis",
                null,
                null,
                null,
                stream(ORDER_V1));

        ArtifactMetaData meta = client.getArtifactMetaData(GROUP, "orders-value");
        assertThat(meta.getName()).isEqualTo("Commandes passées");
        assertThat(meta.getDescription()).isEqualTo("Événement émis");
        assertThat(meta.getVersion()).isEqualTo("1.0.0");
        assertThat(client.getArtifactVersionMetaData(GROUP, "orders-value", "1.0.0")
                        .getName())
                .isEqualTo("Commandes passées");
    }

    @Test
    void createArtifact_withReferencesList_usesExtendedJsonBody() {
        ArtifactMetaData meta = client.createArtifact(
                GROUP,
                "orders-value",
                null,
                "AVRO",
                IfExists.FAIL,
                false,
                null,
                null,
                null,
                null,
                null,
                stream(ORDER_V1),
                List.of());

        assertThat(meta.getVersion()).isEqualTo("1");
        assertThat(schema(client.getLatestArtifact(GROUP, "orders-value")))
                .isEqualTo(new Schema.Parser().parse(ORDER_V1));
    }

    @Test
    void createArtifactVersion_withTakenVersion_throwsVersionAlreadyExists() {
        create("orders-value", ORDER_V1, null);
        client.createArtifactVersion(GROUP, "orders-value", "2", stream(ORDER_V2));

        assertThatThrownBy(() -> client.createArtifactVersion(GROUP, "orders-value", "2", stream(ORDER_V2)))
                .isInstanceOf(VersionAlreadyExistsException.class);
    }

    @Test
    void versions_listGetAndMetadata_returnEveryVersionOldestFirst() {
        create("orders-value", ORDER_V1, null);
        VersionMetaData v2 = client.createArtifactVersion(GROUP, "orders-value", null, stream(ORDER_V2));
        client.updateArtifact(GROUP, "orders-value", stream(SHIPMENT));

        VersionSearchResults versions = client.listArtifactVersions(GROUP, "orders-value", 0, 10);
        assertThat(versions.getCount()).isEqualTo(3);
        assertThat(versions.getVersions()).extracting(v -> v.getVersion()).containsExactly("1", "2", "3");
        assertThat(client.listArtifactVersions(GROUP, "orders-value", 1, 1).getVersions())
                .extracting(v -> v.getVersion())
                .containsExactly("2");
        assertThat(schema(client.getArtifactVersion(GROUP, "orders-value", "2")))
                .isEqualTo(new Schema.Parser().parse(ORDER_V2));
        assertThat(client.getArtifactVersionMetaData(GROUP, "orders-value", "2").getGlobalId())
                .isEqualTo(v2.getGlobalId());
        assertThat(schema(client.getLatestArtifact(GROUP, "orders-value")))
                .isEqualTo(new Schema.Parser().parse(SHIPMENT));
        assertThat(client.getArtifactMetaData(GROUP, "orders-value").getVersion())
                .isEqualTo("3");
        assertThatThrownBy(() -> client.getArtifactVersion(GROUP, "orders-value", "9"))
                .isInstanceOf(VersionNotFoundException.class);
    }

    @Test
    void getArtifactVersionMetaDataByContent_findsTheVersionWithThatContent() {
        create("orders-value", ORDER_V1, null);
        VersionMetaData v2 = client.createArtifactVersion(GROUP, "orders-value", null, stream(ORDER_V2));

        VersionMetaData found = client.getArtifactVersionMetaDataByContent(GROUP, "orders-value", stream(ORDER_V2));

        assertThat(found.getGlobalId()).isEqualTo(v2.getGlobalId());
        assertThatThrownBy(() -> client.getArtifactVersionMetaDataByContent(GROUP, "orders-value", stream(SHIPMENT)))
                .isInstanceOf(ArtifactNotFoundException.class);
    }

    @Test
    void artifactRules_createListGetUpdateDelete_behaveAsApicurio() {
        create("orders-value", ORDER_V1, null);

        client.createArtifactRule(GROUP, "orders-value", rule(RuleType.COMPATIBILITY, "BACKWARD"));
        assertThatThrownBy(() -> client.createArtifactRule(GROUP, "orders-value", rule(RuleType.COMPATIBILITY, "FULL")))
                .isInstanceOf(RuleAlreadyExistsException.class);
        assertThat(client.listArtifactRules(GROUP, "orders-value")).containsExactly(RuleType.COMPATIBILITY);
        assertThat(client.getArtifactRuleConfig(GROUP, "orders-value", RuleType.COMPATIBILITY)
                        .getConfig())
                .isEqualTo("BACKWARD");

        Rule updated = client.updateArtifactRuleConfig(
                GROUP, "orders-value", RuleType.COMPATIBILITY, rule(RuleType.COMPATIBILITY, "FULL_TRANSITIVE"));
        assertThat(updated.getConfig()).isEqualTo("FULL_TRANSITIVE");

        client.deleteArtifactRule(GROUP, "orders-value", RuleType.COMPATIBILITY);
        assertThatThrownBy(() -> client.getArtifactRuleConfig(GROUP, "orders-value", RuleType.COMPATIBILITY))
                .isInstanceOf(RuleNotFoundException.class);
        client.createArtifactRule(GROUP, "orders-value", rule(RuleType.VALIDITY, "FULL"));
        client.deleteArtifactRules(GROUP, "orders-value");
        assertThat(client.listArtifactRules(GROUP, "orders-value")).isEmpty();
    }

    @Test
    void compatibilityRule_breakingUpdate_throwsRuleViolationWithEveryCauseInTheMessage() {
        create("orders-value", ORDER_V1, null);
        client.createArtifactRule(GROUP, "orders-value", rule(RuleType.COMPATIBILITY, "BACKWARD"));

        assertThatThrownBy(() -> client.createArtifactVersion(GROUP, "orders-value", null, stream(ORDER_BREAKING)))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("customerEmail")
                .hasMessageContaining("BACKWARD");
        assertThatThrownBy(() -> create("orders-value", ORDER_BREAKING, IfExists.UPDATE))
                .isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> create("orders-value", ORDER_BREAKING, IfExists.RETURN_OR_UPDATE))
                .isInstanceOf(RuleViolationException.class);
        assertThat(client.createArtifactVersion(GROUP, "orders-value", null, stream(ORDER_V2))
                        .getVersion())
                .isEqualTo("2");
    }

    @Test
    void compatibilityRule_transitive_checksEveryEnabledVersion() {
        create("orders-value", ORDER_V1, null);
        client.createArtifactVersion(GROUP, "orders-value", null, stream(ORDER_V2));
        client.createArtifactRule(GROUP, "orders-value", rule(RuleType.COMPATIBILITY, "FORWARD_TRANSITIVE"));
        String withoutCurrencyOrAmount = """
                {"type":"record","name":"OrderPlaced","namespace":"shop","fields":[{"name":"orderId","type":"string"}]}""";

        assertThatThrownBy(() ->
                        client.createArtifactVersion(GROUP, "orders-value", null, stream(withoutCurrencyOrAmount)))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("amount")
                .hasMessageContaining("v1");
    }

    @Test
    void globalRules_applyWhenTheArtifactHasNone_andArtifactRulesOverrideThem() {
        client.createGlobalRule(rule(RuleType.COMPATIBILITY, "BACKWARD"));
        assertThat(client.listGlobalRules()).containsExactly(RuleType.COMPATIBILITY);
        assertThat(client.getGlobalRuleConfig(RuleType.COMPATIBILITY).getConfig())
                .isEqualTo("BACKWARD");
        create("orders-value", ORDER_V1, null);

        assertThatThrownBy(() -> client.createArtifactVersion(GROUP, "orders-value", null, stream(ORDER_BREAKING)))
                .isInstanceOf(RuleViolationException.class);

        client.createArtifactRule(GROUP, "orders-value", rule(RuleType.VALIDITY, "FULL"));
        assertThat(client.createArtifactVersion(GROUP, "orders-value", null, stream(ORDER_BREAKING))
                        .getVersion())
                .isEqualTo("2");

        assertThat(client.updateGlobalRuleConfig(RuleType.COMPATIBILITY, rule(RuleType.COMPATIBILITY, "NONE"))
                        .getConfig())
                .isEqualTo("NONE");
        client.deleteGlobalRule(RuleType.COMPATIBILITY);
        assertThatThrownBy(() -> client.getGlobalRuleConfig(RuleType.COMPATIBILITY))
                .isInstanceOf(RuleNotFoundException.class);
        client.createGlobalRule(rule(RuleType.VALIDITY, "SYNTAX_ONLY"));
        client.deleteAllGlobalRules();
        assertThat(client.listGlobalRules()).isEmpty();
    }

    @Test
    void validityRule_invalidAvro_throwsRuleViolation_andWithoutRuleUnprocessableSchema() {
        String notAvro =
                "{\"type\":\"record\",\"name\":\"Broken\",\"fields\":[{\"name\":\"x\",\"type\":\"nosuchtype\"}]}";
        create("orders-value", ORDER_V1, null);

        assertThatThrownBy(() -> client.createArtifactVersion(GROUP, "orders-value", null, stream(notAvro)))
                .isInstanceOf(UnprocessableSchemaException.class)
                .hasMessageContaining("nosuchtype");

        client.createArtifactRule(GROUP, "orders-value", rule(RuleType.VALIDITY, "FULL"));
        assertThatThrownBy(() -> client.createArtifactVersion(GROUP, "orders-value", null, stream(notAvro)))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("nosuchtype");
    }

    @Test
    void testUpdateArtifact_passesCompatible_refusesBreaking_andNotFoundForUnknown() {
        create("orders-value", ORDER_V1, null);
        client.createArtifactRule(GROUP, "orders-value", rule(RuleType.COMPATIBILITY, "BACKWARD"));

        client.testUpdateArtifact(GROUP, "orders-value", stream(ORDER_V2));
        assertThatThrownBy(() -> client.testUpdateArtifact(GROUP, "orders-value", stream(ORDER_BREAKING)))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("customerEmail");
        assertThatThrownBy(() -> client.testUpdateArtifact(GROUP, "no-such-subject", stream(ORDER_V1)))
                .isInstanceOf(ArtifactNotFoundException.class);
        assertThat(client.listArtifactVersions(GROUP, "orders-value", 0, 10).getCount())
                .isEqualTo(1);
    }

    @Test
    void contentLookups_byGlobalIdContentIdAndHash_returnTheSchema() throws Exception {
        ArtifactMetaData orders = create("orders-value", ORDER_V1, null);
        ArtifactMetaData copy = create("orders-copy", ORDER_V1, null);

        assertThat(copy.getContentId()).isEqualTo(orders.getContentId());
        assertThat(copy.getGlobalId()).isNotEqualTo(orders.getGlobalId());
        assertThat(schema(client.getContentByGlobalId(orders.getGlobalId())))
                .isEqualTo(new Schema.Parser().parse(ORDER_V1));
        String content = text(client.getContentById(orders.getContentId()));
        assertThat(new Schema.Parser().parse(content)).isEqualTo(new Schema.Parser().parse(ORDER_V1));
        String hash = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(content.getBytes(StandardCharsets.UTF_8)));
        assertThat(schema(client.getContentByHash(hash))).isEqualTo(new Schema.Parser().parse(ORDER_V1));
        assertThat(client.getArtifactReferencesByGlobalId(orders.getGlobalId())).isEmpty();
        assertThat(client.getArtifactReferencesByContentId(orders.getContentId()))
                .isEmpty();
        assertThatThrownBy(() -> client.getContentByGlobalId(9999)).isInstanceOf(ArtifactNotFoundException.class);
        assertThatThrownBy(() -> client.getContentById(9999)).isInstanceOf(ContentNotFoundException.class);
    }

    @Test
    void searchArtifacts_filtersByNameGroupAndIds_andPages() {
        ArtifactMetaData orders = create("orders-value", ORDER_V1, null);
        create("shipments-value", SHIPMENT, null);
        client.createArtifact("other", "orders-other", stream(ORDER_V1));

        ArtifactSearchResults byName = client.searchArtifacts(null, "orders", null, null, null, null, null, null, null);
        assertThat(byName.getCount()).isEqualTo(2);
        ArtifactSearchResults byGroup = client.searchArtifacts(GROUP, null, null, null, null, null, null, null, null);
        assertThat(byGroup.getArtifacts())
                .extracting(a -> a.getId())
                .containsExactly("orders-value", "shipments-value");
        ArtifactSearchResults byGlobalId = client.searchArtifacts(
                null, null, null, null, null, orders.getGlobalId(), null, null, null, null, null);
        assertThat(byGlobalId.getArtifacts()).extracting(a -> a.getId()).containsExactly("orders-value");
        ArtifactSearchResults paged = client.searchArtifacts(null, null, null, null, null, null, null, 1, 1);
        assertThat(paged.getCount()).isEqualTo(3);
        assertThat(paged.getArtifacts()).hasSize(1);
        assertThat(client.listArtifactsInGroup(GROUP).getCount()).isEqualTo(2);
    }

    @Test
    void deleteArtifact_removesItAndItsVersions() {
        ArtifactMetaData meta = create("orders-value", ORDER_V1, null);

        client.deleteArtifact(GROUP, "orders-value");

        assertThatThrownBy(() -> client.getLatestArtifact(GROUP, "orders-value"))
                .isInstanceOf(ArtifactNotFoundException.class);
        assertThatThrownBy(() -> client.getContentByGlobalId(meta.getGlobalId()))
                .isInstanceOf(ArtifactNotFoundException.class);
        assertThatThrownBy(() -> client.deleteArtifact(GROUP, "orders-value"))
                .isInstanceOf(ArtifactNotFoundException.class);
        assertThat(create("orders-value", ORDER_V2, null).getVersion()).isEqualTo("1");
    }

    @Test
    void artifactIds_withSlashPlusAndColon_roundTripThroughPercentEncoding() {
        client.createArtifact(GROUP, "orders/v1+key:x", stream(ORDER_V1));

        assertThat(client.getArtifactMetaData(GROUP, "orders/v1+key:x").getId()).isEqualTo("orders/v1+key:x");
    }

    @Test
    void twoRegistries_inOneJvm_areIndependent() throws IOException {
        try (EmbeddedRegistry other = EmbeddedRegistry.builder().build().start();
                RegistryClient otherClient =
                        RegistryClientFactory.create(other.uri().toString())) {
            create("orders-value", ORDER_V1, null);

            assertThat(other.port()).isNotEqualTo(registry.port());
            assertThatThrownBy(() -> otherClient.getLatestArtifact(GROUP, "orders-value"))
                    .isInstanceOf(ArtifactNotFoundException.class);
        }
    }

    @Test
    void close_isIdempotent_andFreesThePort() throws Exception {
        int port = registry.port();
        registry.close();
        registry.close();

        try (EmbeddedRegistry again =
                EmbeddedRegistry.builder().port(port).build().start()) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    @Test
    void start_onATakenPort_throwsUncheckedIoExceptionNamingThePort() {
        EmbeddedRegistry clash =
                EmbeddedRegistry.builder().port(registry.port()).build();

        assertThatThrownBy(clash::start)
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining(String.valueOf(registry.port()));
    }

    // ---- helpers

    private ArtifactMetaData create(String id, String content, IfExists ifExists) {
        return client.createArtifact(GROUP, id, null, "AVRO", ifExists, null, stream(content));
    }

    private static Rule rule(RuleType type, String config) {
        Rule rule = new Rule();
        rule.setType(type);
        rule.setConfig(config);
        return rule;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Schema schema(InputStream in) {
        return new Schema.Parser().parse(text(in));
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
