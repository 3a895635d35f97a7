package dev.eventcontracts.spring.samples.silent;

import dev.eventcontracts.spring.samples.ParcelScanned;
import dev.eventcontracts.spring.samples.Topology;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** A listener with no observable effect: it publishes nothing, calls nothing, names no state. */
@SpringBootApplication
@PropertySource("classpath:samples/safe.properties")
public class SilentApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLetters();
    }

    @Bean
    MessageConverter converter() {
        return new JacksonJsonMessageConverter();
    }

    @Bean
    SilentListener listener() {
        return new SilentListener();
    }

    /** Counts parcels in memory only. */
    public static class SilentListener {
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        @RabbitListener(queues = Topology.QUEUE)
        public void onScanned(ParcelScanned event) {
            seen.add(event.parcelId());
        }
    }
}
