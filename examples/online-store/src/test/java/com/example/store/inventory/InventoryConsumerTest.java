package com.example.store.inventory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.store.Orders;
import com.example.store.events.InvalidOrderException;
import com.example.store.events.OrderPlaced;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryConsumerTest {

    private static final WireMockServer stockService =
            new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    private final Reservations reservations = new Reservations();
    private InventoryConsumer consumer;

    @BeforeAll
    static void startStockService() {
        stockService.start();
    }

    @AfterAll
    static void stopStockService() {
        stockService.stop();
    }

    @BeforeEach
    void connect() {
        stockService.resetAll();
        URI base = URI.create("http://127.0.0.1:" + stockService.port());
        consumer = new InventoryConsumer(
                reservations, new StockClient(HttpClient.newHttpClient(), base, Duration.ofSeconds(5)));
    }

    @Test
    void onOrderPlaced_reservesAllLinesInOneCall_withOrderIdAsIdempotencyKey() {
        stockService.stubFor(post("/stock/reservations").willReturn(aResponse().withStatus(201)));

        consumer.onOrderPlaced(Orders.placed("o-1"));

        stockService.verify(1, postRequestedFor(urlEqualTo("/stock/reservations"))
                .withHeader("Idempotency-Key", equalTo("o-1"))
                .withRequestBody(equalToJson("{\"orderId\":\"o-1\",\"lines\":["
                        + "{\"sku\":\"sku-7\",\"quantity\":2},{\"sku\":\"sku-9\",\"quantity\":1}]}")));
        assertThat(reservations.snapshot())
                .isEqualTo(Map.of(
                        "reservedOrders", List.of("o-1"), "reservedUnitsBySku", Map.of("sku-7", 2, "sku-9", 1)));
    }

    @Test
    void onOrderPlaced_whenStockServiceFails_throwsAndKeepsNoReservation() {
        stockService.stubFor(post("/stock/reservations").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> consumer.onOrderPlaced(Orders.placed("o-2")))
                .isInstanceOf(StockServiceException.class)
                .hasMessageContaining("answered 503 to reserving order 'o-2'");
        assertThat(reservations.snapshot()).containsEntry("reservedOrders", List.of());
        assertThat(reservations.claim("o-2")).as("a retry may claim the order again").isTrue();
    }

    @Test
    void onOrderPlaced_withNonPositiveQuantity_isInvalidAndCallsNothing() {
        OrderPlaced order = Orders.placed("o-3");
        order.getLines().get(0).setQuantity(0);

        assertThatThrownBy(() -> consumer.onOrderPlaced(order))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessage("Order 'o-3' line 'sku-7' has quantity '0'; it must be positive.");
        assertThat(stockService.getAllServeEvents()).isEmpty();
    }
}
