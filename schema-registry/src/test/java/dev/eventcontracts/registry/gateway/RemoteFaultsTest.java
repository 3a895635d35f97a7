package dev.eventcontracts.registry.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.eventcontracts.registry.testing.Avsc.ORDER_V1;
import static dev.eventcontracts.registry.testing.Avsc.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The remote gateway against a simulated Apicurio Registry that fails in the ways real ones do. */
class RemoteFaultsTest {

    private static final String VERSIONS = "/apis/registry/v2/groups/default/artifacts/orders-value/versions";
    private static final String VERSION_LIST = """
            {"count":1,"versions":[{"version":"1","globalId":41,"contentId":7,"type":"AVRO","state":"ENABLED",
             "createdOn":"2024-05-01T12:00:00+0000","createdBy":""}]}""";

    private WireMockServer wireMock;

    @BeforeEach
    void start() {
        wireMock = new WireMockServer(options().dynamicPort());
        wireMock.start();
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    @Test
    void serverErrors_onReads_areRetriedUntilTheyPass() {
        wireMock.stubFor(get(urlPathEqualTo(VERSIONS))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(503)
                        .withBody("{\"error_code\":503,\"name\":\"X\",\"message\":\"busy\"}"))
                .willSetStateTo("second"));
        wireMock.stubFor(get(urlPathEqualTo(VERSIONS))
                .inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>"))
                .willSetStateTo("healthy"));
        wireMock.stubFor(get(urlPathEqualTo(VERSIONS))
                .inScenario("flaky")
                .whenScenarioStateIs("healthy")
                .willReturn(okJson(VERSION_LIST)));
        stubContent(41, ORDER_V1);

        try (SchemaRegistry registry = remote(config())) {
            assertThat(registry.history("orders-value")).singleElement().satisfies(s -> {
                assertThat(s.globalId()).isEqualTo(41);
                assertThat(s.contentId()).isEqualTo(7);
                assertThat(s.schema()).isEqualTo(parse(ORDER_V1));
            });
        }
        wireMock.verify(3, getRequestedFor(urlPathEqualTo(VERSIONS)));
    }

    @Test
    void persistentServerErrors_giveUnavailableAfterEveryRetry() {
        wireMock.stubFor(
                get(urlPathEqualTo(VERSIONS))
                        .willReturn(
                                aResponse()
                                        .withStatus(500)
                                        .withBody(
                                                "{\"error_code\":500,\"name\":\"RegistryStorageException\",\"message\":\"database down\"}")));

        try (SchemaRegistry registry = remote(config())) {
            assertThatThrownBy(() -> registry.history("orders-value"))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("after 3 attempts")
                    .hasMessageContaining("database down");
        }
        wireMock.verify(3, getRequestedFor(urlPathEqualTo(VERSIONS)));
    }

    @Test
    void slowResponses_timeOutAndAreRetried() {
        wireMock.stubFor(
                get(urlPathEqualTo(VERSIONS)).willReturn(okJson(VERSION_LIST).withFixedDelay(1000)));

        try (SchemaRegistry registry = remote(config().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200)))) {
            assertThatThrownBy(() -> registry.history("orders-value"))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("request timeout of PT0.2S");
        }
        wireMock.verify(3, getRequestedFor(urlPathEqualTo(VERSIONS)));
    }

    @Test
    void droppedConnections_areRetriedThenReported() {
        wireMock.stubFor(
                get(urlPathEqualTo(VERSIONS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        try (SchemaRegistry registry = remote(config())) {
            assertThatThrownBy(() -> registry.history("orders-value"))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("connection");
        }
        // the JDK client itself also retries a reset GET once, so each of our 3 attempts may send 2
        wireMock.verify(moreThanOrExactly(3), getRequestedFor(urlPathEqualTo(VERSIONS)));
    }

    @Test
    void unauthorized_isAnAccessErrorAskingForCredentials_withoutRetry() {
        wireMock.stubFor(get(urlPathEqualTo(VERSIONS)).willReturn(aResponse().withStatus(401)));

        try (SchemaRegistry registry = remote(config().withBasicAuth("ci", "wrong"))) {
            assertThatThrownBy(() -> registry.history("orders-value"))
                    .isInstanceOfSatisfying(
                            RegistryAccessException.class,
                            e -> assertThat(e.status()).isEqualTo(401))
                    .hasMessageContaining("credentials");
        }
        wireMock.verify(
                1,
                getRequestedFor(urlPathEqualTo(VERSIONS)).withHeader("Authorization", equalTo("Basic Y2k6d3Jvbmc=")));
    }

    @Test
    void forbidden_isAnAccessErrorAboutPermission() {
        wireMock.stubFor(get(urlPathEqualTo(VERSIONS)).willReturn(aResponse().withStatus(403)));

        try (SchemaRegistry registry = remote(config().withBearerToken("t0k3n"))) {
            assertThatThrownBy(() -> registry.history("orders-value"))
                    .isInstanceOfSatisfying(
                            RegistryAccessException.class,
                            e -> assertThat(e.status()).isEqualTo(403))
                    .hasMessageContaining("permission");
        }
        wireMock.verify(getRequestedFor(urlPathEqualTo(VERSIONS)).withHeader("Authorization", equalTo("Bearer t0k3n")));
    }

    @Test
    void missingArtifact_isAnEmptyHistoryAndACompatibleTest() {
        wireMock.stubFor(
                get(urlPathEqualTo(VERSIONS))
                        .willReturn(
                                aResponse()
                                        .withStatus(404)
                                        .withBody(
                                                "{\"error_code\":404,\"name\":\"ArtifactNotFoundException\",\"message\":\"No artifact with ID 'orders-value'\"}")));

        try (SchemaRegistry registry = remote(config())) {
            assertThat(registry.history("orders-value")).isEmpty();
            assertThat(registry.test(
                                    "orders-value",
                                    parse(ORDER_V1),
                                    dev.eventcontracts.registry.compat.CompatibilityLevel.FULL)
                            .compatible())
                    .isTrue();
        }
    }

    @Test
    void notAnApicurioEndpoint_404_saysToCheckTheUrl() {
        wireMock.stubFor(get(urlPathEqualTo(VERSIONS))
                .willReturn(aResponse().withStatus(404).withBody("<html>Not Found</html>")));

        try (SchemaRegistry registry = remote(config())) {
            assertThatThrownBy(() -> registry.history("orders-value"))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("Check the registry URL");
        }
    }

    @Test
    void malformedJson_isReportedAsNotApicurio_withoutRetry() {
        wireMock.stubFor(get(urlPathEqualTo(VERSIONS)).willReturn(okJson("{\"count\": 1, \"versions\": [ {")));

        try (SchemaRegistry registry = remote(config())) {
            assertThatThrownBy(() -> registry.history("orders-value"))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("not what Apicurio sends");
        }
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(VERSIONS)));
    }

    @Test
    void contentThatIsNotAvro_namesTheVersion() {
        wireMock.stubFor(get(urlPathEqualTo(VERSIONS)).willReturn(okJson(VERSION_LIST)));
        stubContent(41, "syntax = \"proto3\";");

        try (SchemaRegistry registry = remote(config())) {
            assertThatThrownBy(() -> registry.history("orders-value"))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("version 1 of subject 'orders-value'")
                    .hasMessageContaining("not an Avro schema");
        }
    }

    @Test
    void registration_failingWith500_isNotRetried() {
        wireMock.stubFor(get(urlPathEqualTo(VERSIONS))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withBody("{\"error_code\":404,\"name\":\"ArtifactNotFoundException\",\"message\":\"none\"}")));
        wireMock.stubFor(
                post(urlPathEqualTo("/apis/registry/v2/groups/default/artifacts"))
                        .willReturn(
                                aResponse()
                                        .withStatus(500)
                                        .withBody(
                                                "{\"error_code\":500,\"name\":\"RegistryStorageException\",\"message\":\"disk full\"}")));

        try (SchemaRegistry registry = remote(config())) {
            assertThatThrownBy(() -> registry.register("orders-value", parse(ORDER_V1)))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("disk full");
        }
        wireMock.verify(
                1,
                postRequestedFor(urlPathEqualTo("/apis/registry/v2/groups/default/artifacts"))
                        .withHeader("X-Registry-ArtifactId", equalTo("orders-value"))
                        .withQueryParam("ifExists", equalTo("UPDATE")));
    }

    @Test
    void config_rejectsConflictingAuthAndBadUrls() {
        URI url = URI.create("http://localhost:1");
        assertThatThrownBy(() -> RemoteRegistryConfig.of(url)
                        .withBasicAuth("a", "b")
                        .withBearerToken("t")
                        .withBasicAuth("a", "b")
                        .withRetries(-1, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> RemoteRegistryConfig.of(URI.create("ftp://x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http");
        assertThat(RemoteRegistryConfig.of(url).withBasicAuth("ci", "secret").toString())
                .doesNotContain("secret");
    }

    private RemoteRegistryConfig config() {
        return RemoteRegistryConfig.of(URI.create(wireMock.baseUrl()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetries(2, Duration.ofMillis(10));
    }

    private static SchemaRegistry remote(RemoteRegistryConfig config) {
        return SchemaRegistry.remote(config);
    }

    private void stubContent(long globalId, String content) {
        wireMock.stubFor(get(urlPathEqualTo("/apis/registry/v2/ids/globalIds/" + globalId))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(content)));
    }
}
