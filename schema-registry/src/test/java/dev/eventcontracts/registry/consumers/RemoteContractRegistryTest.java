package dev.eventcontracts.registry.consumers;

import static dev.eventcontracts.registry.consumers.Orders.READER_NEEDS_CUSTOMER;
import static dev.eventcontracts.registry.consumers.Orders.SUBJECT;
import static dev.eventcontracts.registry.consumers.Orders.inventory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.registry.EmbeddedRegistry;
import dev.eventcontracts.registry.gateway.RemoteRegistryConfig;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Contracts in an Apicurio Registry (the embedded one) through apicurio-registry-client. */
class RemoteContractRegistryTest extends ContractRegistryContract {

    private EmbeddedRegistry server;

    @Override
    protected ContractRegistry open() {
        server = EmbeddedRegistry.builder().build().start();
        return ContractRegistry.remote(
                RemoteRegistryConfig.of(server.uri()).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @Override
    protected void cleanUp() {
        server.close();
    }

    @Test
    void aContract_isAnOrdinaryAvroArtifactThePlainClientReads() throws Exception {
        registry.register(inventory("1.0.0", READER_NEEDS_CUSTOMER));

        try (RegistryClient client = RegistryClientFactory.create(server.uri().toString())) {
            var meta = client.getArtifactMetaData(ContractRegistry.CONTRACTS_GROUP, SUBJECT);
            String content;
            try (InputStream in = client.getLatestArtifact(ContractRegistry.CONTRACTS_GROUP, SUBJECT)) {
                content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Schema artifact = new Schema.Parser().parse(content);

            assertThat(meta.getType()).isEqualTo("AVRO");
            assertThat(artifact.getFullName()).isEqualTo("shop.OrderPlaced");
            assertThat(artifact.getObjectProp("eventcontracts.consumer").toString())
                    .contains("inventory-svc", "customerId");
        }
    }
}
