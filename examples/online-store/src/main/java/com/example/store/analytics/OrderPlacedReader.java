package com.example.store.analytics;

import com.example.store.events.AvroMessages;
import com.example.store.events.OrderPlaced;
import java.util.List;

/**
 * How analytics reads {@code OrderPlaced}: generically (it needs three fields) with the current
 * schema as reader, accepting every writer version the store has published.
 */
public final class OrderPlacedReader {

    /** The writer versions analytics knows, as classpath resources, oldest first. */
    public static final List<String> WRITER_VERSIONS =
            List.of("/schemas/order-placed-v1.avsc", "/schemas/order-placed-v2.avsc");

    private OrderPlacedReader() {}

    /** A reader of every known version into the current {@code OrderPlaced} schema. */
    public static AvroMessages create() {
        return AvroMessages.reading(OrderPlaced.getClassSchema(), WRITER_VERSIONS);
    }
}
