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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Books shipments once per order but ignores the response status (a defect: a 503 is lost work). */
public final class CarelessShippingConsumer {

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI shipments;
    private final Set<String> booked;

    public CarelessShippingConsumer(URI baseUri, Set<String> booked) {
        this.shipments = baseUri.resolve("/shipments");
        this.booked = booked;
    }

    public void onOrderPlaced(OrderPlaced order) {
        if (!booked.add(order.getOrderId())) {
            return;
        }
        try {
            client.send(
                    HttpRequest.newBuilder(shipments)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"" + order.getOrderId() + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the booked order ids as durable state. */
    public static final class Fixture implements ConsumerFixture<CarelessShippingConsumer> {
        private final Set<String> booked = ConcurrentHashMap.newKeySet();

        @Override
        public CarelessShippingConsumer create(ContractContext context) {
            return new CarelessShippingConsumer(context.httpBaseUri(), booked);
        }
    }
}
