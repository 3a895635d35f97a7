package com.example.store.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.store.Orders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyticsConsumerTest {

    @Test
    void onOrderPlaced_countsTheSaleAndFeedsTheDashboard() {
        List<String> feed = new ArrayList<>();
        SalesCounter sales = new SalesCounter();
        AnalyticsConsumer consumer = new AnalyticsConsumer(sales, (exchange, routingKey, headers, body) -> {
            assertThat(exchange).isEqualTo("analytics");
            assertThat(routingKey).isEqualTo("sale.counted");
            feed.add(new String(body, StandardCharsets.UTF_8));
        });

        consumer.onOrderPlaced(Orders.placed("o-1"));

        assertThat(sales.orders()).isEqualTo(1);
        assertThat(sales.revenueCents("EUR")).isEqualTo(7499L);
        assertThat(feed).containsExactly("{\"orderId\":\"o-1\",\"currency\":\"EUR\",\"totalCents\":7499}");
    }
}
