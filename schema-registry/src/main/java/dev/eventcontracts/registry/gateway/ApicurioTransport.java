package dev.eventcontracts.registry.gateway;

import io.apicurio.registry.rest.client.impl.ErrorHandler;
import io.apicurio.rest.client.auth.Auth;
import io.apicurio.rest.client.handler.BodyHandler;
import io.apicurio.rest.client.request.Request;
import io.apicurio.rest.client.spi.ApicurioHttpClient;
import io.apicurio.rest.client.util.UriUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP layer under apicurio-registry-client, as the client's own JDK transport does it but
 * with a connect timeout and a per-request timeout, and with transport failures surfaced as
 * {@link TransportFailure} so the gateway can retry them.
 */
final class ApicurioTransport implements ApicurioHttpClient {

    /** The request never got a usable answer: timeout, connection failure or malformed body. */
    static final class TransportFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        TransportFailure(String message, Throwable cause, boolean retryable) {
            super(message, cause);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }

    private final HttpClient client;
    private final String endpoint;
    private final Auth auth;
    private final RemoteRegistryConfig config;
    private final ErrorHandler errorHandler = new ErrorHandler();
    private final ThreadLocal<Map<String, String>> nextHeaders = ThreadLocal.withInitial(HashMap::new);

    ApicurioTransport(RemoteRegistryConfig config, Auth auth) {
        this.config = config;
        this.endpoint = config.apiBase().toString();
        this.auth = auth;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .build();
    }

    @Override
    public <T> T sendRequest(Request<T> request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(UriUtil.buildURI(
                        endpoint + request.getRequestPath(), request.getQueryParams(), request.getPathParams()))
                .timeout(config.requestTimeout());
        Map<String, String> headers = new HashMap<>(nextHeaders.get());
        nextHeaders.remove();
        headers.putAll(request.getHeaders());
        if (auth != null) {
            auth.apply(headers);
        }
        headers.forEach(builder::header);
        try {
            switch (request.getOperation()) {
                case GET -> builder.GET();
                case DELETE -> builder.DELETE();
                case PUT ->
                    builder.PUT(HttpRequest.BodyPublishers.ofByteArray(
                            request.getData().readAllBytes()));
                case POST ->
                    builder.POST(
                            request.getDataString() != null
                                    ? HttpRequest.BodyPublishers.ofString(request.getDataString())
                                    : HttpRequest.BodyPublishers.ofByteArray(
                                            request.getData().readAllBytes()));
                default -> throw new IllegalStateException("Unsupported operation " + request.getOperation());
            }
            Supplier<T> body = client.send(builder.build(), new BodyHandler<>(request.getResponseType(), errorHandler))
                    .body();
            return body.get();
        } catch (HttpTimeoutException e) {
            throw new TransportFailure("no answer within " + describe(e), e, true);
        } catch (UncheckedIOException e) {
            throw new TransportFailure(
                    "the response body is not what Apicurio sends ("
                            + e.getCause().getMessage().lines().findFirst().orElse("") + ")",
                    e,
                    false);
        } catch (IOException e) {
            throw new TransportFailure("cannot connect or the connection broke (" + e + ")", e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportFailure("interrupted", e, false);
        }
    }

    private String describe(HttpTimeoutException e) {
        return e instanceof java.net.http.HttpConnectTimeoutException
                ? "the connect timeout of " + config.connectTimeout()
                : "the request timeout of " + config.requestTimeout();
    }

    @Override
    public void setNextRequestHeaders(Map<String, String> headers) {
        nextHeaders.get().putAll(headers);
    }

    @Override
    public Map<String, String> getHeaders() {
        return nextHeaders.get();
    }

    @Override
    public void close() {
        nextHeaders.remove();
    }
}
