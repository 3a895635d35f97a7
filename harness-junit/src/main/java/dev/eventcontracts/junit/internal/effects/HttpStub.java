package dev.eventcontracts.junit.internal.effects;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.util.Comparator;
import java.util.List;

/**
 * A WireMock server on a free loopback port standing in for the consumer's downstream HTTP
 * services: every request gets {@code 200 {}} and is recorded as an effect.
 */
public final class HttpStub implements AutoCloseable {

    private static final String INJECTED = "X-Event-Contracts-Injected";

    private final WireMockServer server;
    private StubMapping failure;
    private final Normalizer normalizer;

    /** Starts the server. */
    public HttpStub(Normalizer normalizer) {
        this.normalizer = normalizer;
        this.server = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(8)
                .jettyAcceptors(1)
                .notifier(new ConsoleNotifier(false)));
        server.start();
        server.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{}")));
    }

    /** The base URI, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Forgets recorded requests (before a run). */
    public void reset() {
        server.resetRequests();
    }

    /**
     * Answers every request with {@code 503 Service Unavailable} until {@link #succeedRequests()}:
     * a transient failure of the downstream service. Such requests are not recorded as effects.
     */
    public synchronized void failRequests() {
        if (failure == null) {
            failure = server.stubFor(
                    any(anyUrl())
                            .atPriority(1)
                            .willReturn(
                                    aResponse()
                                            .withStatus(503)
                                            .withHeader(INJECTED, "true")
                                            .withBody(
                                                    "{\"error\":\"service unavailable (transient failure injected by event-contracts)\"}")));
        }
    }

    /** Ends {@link #failRequests()}. */
    public synchronized void succeedRequests() {
        if (failure != null) {
            server.removeStub(failure);
            failure = null;
        }
    }

    /** The requests recorded since the last reset, in arrival order, without injected failures. */
    public List<Effects.HttpCall> recorded() {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getResponse() == null
                        || !e.getResponse().getHeaders().getHeader(INJECTED).isPresent())
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(ServeEvent::getRequest)
                .map(r -> new Effects.HttpCall(r.getMethod().getName(), r.getUrl(), normalizer.body(r.getBody())))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
