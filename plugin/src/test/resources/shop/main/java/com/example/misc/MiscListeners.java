package com.example.misc;

import com.example.events.OrderPlaced;
import io.awspring.cloud.sqs.annotation.SqsListener;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.springframework.jms.annotation.JmsListener;

public class MiscListeners {

    @JmsListener(destination = "billing")
    public void bill(String text) {}

    @Incoming("prices")
    public void onPrice(OrderPlaced price) {}

    @SqsListener(value = "refunds")
    public void onRefund(OrderPlaced refund) {}

    @com.example.misc.Incoming("not-a-listener")
    public void lookalike(OrderPlaced order) {}
}
