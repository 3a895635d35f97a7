package dev.eventcontracts.junit.samples;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;
import dev.eventcontracts.junit.samples.avro.OrderPlaced;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Books a shipment over HTTP for every order, without deduplication (a defect). */
public final class ShippingConsumer {

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI shipments;

    public ShippingConsumer(URI baseUri) {
        this.shipments = baseUri.resolve("/shipments");
    }

    public void onOrderPlaced(OrderPlaced order) {
        String body = "{\"orderId\":\"" + order.getOrderId() + "\",\"requestedAt\":" + System.nanoTime() + "}";
        try {
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(shipments)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 500) {
                throw new UncheckedIOException(new IOException("shipping service: " + response.statusCode()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Builds the consumer against the HTTP stub; the service keeps no state of its own. */
    public static final class Fixture implements ConsumerFixture<ShippingConsumer> {
        @Override
        public ShippingConsumer create(ContractContext context) {
            return new ShippingConsumer(context.httpBaseUri());
        }
    }
}
