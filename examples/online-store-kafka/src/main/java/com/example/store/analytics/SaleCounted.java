package com.example.store.analytics;

import com.example.store.events.OrderPlaced;
import java.nio.charset.StandardCharsets;

/**
 * The live sales feed's record (JSON on topic {@value #TOPIC}, keyed by customer id), one per
 * counted order, read by the sales dashboard.
 */
public final class SaleCounted {

    /** The topic of the sales feed. */
    public static final String TOPIC = "analytics.sales";

    private SaleCounted() {}

    /** The JSON body for {@code order}, e.g. {@code {"orderId":"o-1","currency":"EUR","totalCents":7499}}. */
    public static byte[] json(OrderPlaced order) {
        return ("{\"orderId\":\"" + escape(order.getOrderId()) + "\",\"currency\":\"" + escape(order.getCurrency())
                        + "\",\"totalCents\":" + order.getTotalCents() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
