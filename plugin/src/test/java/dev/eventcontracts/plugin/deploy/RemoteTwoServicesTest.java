package dev.eventcontracts.plugin.deploy;

import dev.eventcontracts.registry.EmbeddedRegistry;
import org.junit.jupiter.api.AfterEach;

/** The two-service scenario against an Apicurio registry (the embedded one) through apicurio-registry-client. */
class RemoteTwoServicesTest extends TwoServicesTest {

    private EmbeddedRegistry server;

    @Override
    protected String registryUrl() {
        server = EmbeddedRegistry.builder().build().start();
        return server.uri().toString();
    }

    @AfterEach
    void stopRegistry() {
        server.close();
    }
}
