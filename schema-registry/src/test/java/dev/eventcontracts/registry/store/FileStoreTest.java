package dev.eventcontracts.registry.store;

import static dev.eventcontracts.registry.testing.Avsc.ORDER_BREAKING;
import static dev.eventcontracts.registry.testing.Avsc.ORDER_V1;
import static dev.eventcontracts.registry.testing.Avsc.ORDER_V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store: layout, reload, corruption and hand edits, interrupted writes. */
class FileStoreTest {

    @TempDir
    Path dir;

    @Test
    void register_writesPrettyAvscAndSmallMetadataFiles() throws IOException {
        try (RegistryStore store = RegistryStore.open(dir)) {
            store.create(null, "orders-value", null, NewVersion.of(ORDER_V1), IfExists.FAIL, false);
            store.addVersion(null, "orders-value", NewVersion.of(ORDER_V2));
            store.setArtifactRule(null, "orders-value", RuleType.COMPATIBILITY, "backward", null);
        }

        Path artifactDir = dir.resolve("groups/default/orders-value");
        assertThat(dir.resolve("registry.json")).content().contains("\"formatVersion\" : 1");
        assertThat(artifactDir.resolve("v1.avsc")).content().startsWith("{\n  \"type\" : \"record\"");
        assertThat(artifactDir.resolve("v2.avsc")).content().contains("\"currency\"");
        String metadata = Files.readString(artifactDir.resolve("artifact.json"));
        assertThat(metadata)
                .contains("\"COMPATIBILITY\" : \"BACKWARD\"")
                .contains("\"file\" : \"v2.avsc\"")
                .contains("\"globalId\" : 2");
        assertThat(Files.list(artifactDir)).hasSize(3);
    }

    @Test
    void reopen_restoresVersionsRulesAndIdCounters() {
        long firstGlobalId;
        try (RegistryStore store = RegistryStore.open(dir)) {
            firstGlobalId = store.create(null, "orders-value", null, NewVersion.of(ORDER_V1), IfExists.FAIL, false)
                    .version()
                    .globalId();
            store.setGlobalRule(RuleType.COMPATIBILITY, "BACKWARD", false);
        }

        try (RegistryStore reopened = RegistryStore.open(dir)) {
            assertThat(reopened.byGlobalId(firstGlobalId).artifact().artifactId())
                    .isEqualTo("orders-value");
            assertThat(reopened.globalRules()).containsEntry(RuleType.COMPATIBILITY, "BACKWARD");
            assertThatThrownBy(() -> reopened.addVersion(null, "orders-value", NewVersion.of(ORDER_BREAKING)))
                    .isInstanceOf(RegistryException.class)
                    .extracting(e -> ((RegistryException) e).kind())
                    .isEqualTo(RegistryException.Kind.RULE_VIOLATION);
            Registered v2 = reopened.addVersion(null, "orders-value", NewVersion.of(ORDER_V2));
            assertThat(v2.version().globalId()).isEqualTo(firstGlobalId + 1);
            assertThat(v2.version().version()).isEqualTo("2");
        }
    }

    @Test
    void twoStoresOnOneDirectory_seeEachOthersWrites() {
        try (RegistryStore first = RegistryStore.open(dir);
                RegistryStore second = RegistryStore.open(dir)) {
            first.create(null, "orders-value", null, NewVersion.of(ORDER_V1), IfExists.FAIL, false);
            Registered v2 = second.addVersion(null, "orders-value", NewVersion.of(ORDER_V2));

            assertThat(v2.version().version()).isEqualTo("2");
            assertThat(first.latest(null, "orders-value").version().globalId())
                    .isEqualTo(v2.version().globalId());
        }
    }

    @Test
    void handEditedSchema_failsToOpenNamingTheFile() throws IOException {
        createOrders();
        Path schema = dir.resolve("groups/default/orders-value/v1.avsc");
        Files.writeString(schema, ORDER_V2);

        assertThatThrownBy(() -> RegistryStore.open(dir))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(schema.toString())
                .hasMessageContaining("changed after it was registered")
                .hasMessageContaining("git checkout");
    }

    @Test
    void reformattedSchema_withSameJson_stillOpens() throws IOException {
        createOrders();
        Path schema = dir.resolve("groups/default/orders-value/v1.avsc");
        Files.writeString(schema, ORDER_V1.replace("\n", " "));

        try (RegistryStore store = RegistryStore.open(dir)) {
            assertThat(store.latest(null, "orders-value").version().version()).isEqualTo("1");
        }
    }

    @Test
    void corruptMetadata_failsToOpenNamingTheFile() throws IOException {
        createOrders();
        Path metadata = dir.resolve("groups/default/orders-value/artifact.json");
        Files.writeString(metadata, "{\"formatVersion\": 1, \"versions\": [ {\"version\": \"1\"");

        assertThatThrownBy(() -> RegistryStore.open(dir))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(metadata.toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void metadataWithMissingField_failsNamingFileAndField() throws IOException {
        createOrders();
        Path metadata = dir.resolve("groups/default/orders-value/artifact.json");
        Files.writeString(metadata, Files.readString(metadata).replace("\"globalId\"", "\"globalID\""));

        assertThatThrownBy(() -> RegistryStore.open(dir))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(metadata.toString())
                .hasMessageContaining("versions[0].globalId");
    }

    @Test
    void missingSchemaFile_failsNamingIt() throws IOException {
        createOrders();
        Files.delete(dir.resolve("groups/default/orders-value/v1.avsc"));

        assertThatThrownBy(() -> RegistryStore.open(dir))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("v1.avsc")
                .hasMessageContaining("does not exist");
    }

    @Test
    void newerFormatVersion_failsAskingForAnUpgrade() throws IOException {
        createOrders();
        Path registry = dir.resolve("registry.json");
        Files.writeString(
                registry, Files.readString(registry).replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));

        assertThatThrownBy(() -> RegistryStore.open(dir))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("formatVersion 7")
                .hasMessageContaining("Upgrade");
    }

    @Test
    void leftoversOfAnInterruptedWrite_areIgnored() throws IOException {
        createOrders();
        Path artifactDir = dir.resolve("groups/default/orders-value");
        Files.writeString(artifactDir.resolve(".artifact.json.1234.tmp"), "{\"formatVersion\": 1, \"vers");
        Files.writeString(artifactDir.resolve("v2.avsc"), ORDER_V2); // written, but never committed in artifact.json
        Path unfinished = Files.createDirectories(dir.resolve("groups/default/half-created"));
        Files.writeString(unfinished.resolve("v1.avsc"), ORDER_V1);

        try (RegistryStore store = RegistryStore.open(dir)) {
            assertThat(store.artifact(null, "orders-value").versions()).hasSize(1);
            assertThat(store.findArtifact(null, "half-created")).isEmpty();
            Registered v2 = store.addVersion(null, "orders-value", NewVersion.of(ORDER_V1.replace("amount", "total")));
            assertThat(v2.version().version()).isEqualTo("2");
            assertThat(artifactDir.resolve("v2.avsc")).content().contains("total");
        }
    }

    @Test
    void lostRegistryFile_idsContinueAfterTheHighestOnDisk() throws IOException {
        createOrders();
        Files.delete(dir.resolve("registry.json"));

        try (RegistryStore store = RegistryStore.open(dir)) {
            Registered next = store.create(null, "other", null, NewVersion.of(ORDER_V2), IfExists.FAIL, false);
            assertThat(next.version().globalId()).isEqualTo(2);
            assertThat(next.version().contentId()).isEqualTo(2);
        }
    }

    @Test
    void deleteArtifact_removesItsDirectory() {
        createOrders();
        try (RegistryStore store = RegistryStore.open(dir)) {
            store.deleteArtifact(null, "orders-value");
        }

        assertThat(dir.resolve("groups/default/orders-value")).doesNotExist();
    }

    @Test
    void deleteVersion_removesItsSchemaFile_andKeepsTheOthers() {
        createOrders();
        try (RegistryStore store = RegistryStore.open(dir)) {
            store.addVersion(null, "orders-value", NewVersion.of(ORDER_V2));
            store.deleteVersion(null, "orders-value", "1");
        }

        Path artifactDir = dir.resolve("groups/default/orders-value");
        assertThat(artifactDir.resolve("v1.avsc")).doesNotExist();
        assertThat(artifactDir.resolve("v2.avsc")).exists();
        try (RegistryStore store = RegistryStore.open(dir)) {
            assertThat(store.artifact(null, "orders-value").versions())
                    .extracting(VersionRecord::version)
                    .containsExactly("2");
        }
    }

    @Test
    void idsThatAreNotFileNames_areEncoded() {
        try (RegistryStore store = RegistryStore.open(dir)) {
            store.create("com.acme/x", "../orders:value", null, NewVersion.of(ORDER_V1), IfExists.FAIL, false);
        }

        assertThat(dir.resolve("groups/com.acme%2Fx/%2E.%2Forders%3Avalue/artifact.json"))
                .exists();
        try (RegistryStore store = RegistryStore.open(dir)) {
            assertThat(new org.apache.avro.Schema.Parser()
                            .parse(store.latest("com.acme/x", "../orders:value").content()))
                    .isEqualTo(new org.apache.avro.Schema.Parser().parse(ORDER_V1));
        }
    }

    private void createOrders() {
        try (RegistryStore store = RegistryStore.open(dir)) {
            store.create(null, "orders-value", null, NewVersion.of(ORDER_V1), IfExists.FAIL, false);
        }
    }
}
