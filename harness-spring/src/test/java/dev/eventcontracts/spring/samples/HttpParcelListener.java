package dev.eventcontracts.spring.samples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

/**
 * A sample listener with a downstream HTTP call: registers each parcel once with the depot
 * service at {@code eventcontracts.http.uri}; a failed call leaves nothing stored and throws.
 */
public class HttpParcelListener {

    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI depot;

    public HttpParcelListener(URI depot) {
        this.depot = depot;
    }

    @RabbitListener(queues = "parcels.scanned")
    public void onScanned(ParcelScanned event) throws IOException, InterruptedException {
        if (event.parcelId() == null || event.weightGrams() <= 0) {
            throw new IllegalArgumentException("invalid parcel event " + event);
        }
        if (!registered.add(event.parcelId())) {
            return;
        }
        HttpResponse<Void> r = http.send(
                HttpRequest.newBuilder(depot.resolve("/parcels/" + event.parcelId()))
                        .POST(HttpRequest.BodyPublishers.ofString(event.depot()))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            registered.remove(event.parcelId());
            throw new IllegalStateException("depot service answered " + r.statusCode());
        }
    }
}
