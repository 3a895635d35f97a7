package dev.eventcontracts.spring.samples.sequence;

import dev.eventcontracts.spring.samples.JdbcParcelStore;
import dev.eventcontracts.spring.samples.ParcelScanned;
import dev.eventcontracts.spring.samples.Topology;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * Defect seen only in bodies: one outgoing event per parcel (deduplicated in the database), but
 * its body carries a counter of the instance's deliveries, so the same event publishes different
 * content depending on what came before.
 */
@SpringBootApplication
@PropertySource("classpath:samples/safe.properties")
public class SequencingApp {

    @Bean
    Declarables topology() {
        return Topology.withDeadLetters();
    }

    @Bean
    MessageConverter converter() {
        return new JacksonJsonMessageConverter();
    }

    @Bean
    DataSource dataSource(@Value("${spring.rabbitmq.addresses:localhost}") String broker) {
        return JdbcParcelStore.sharedDatabase(broker);
    }

    @Bean
    SequencingListener listener(RabbitTemplate template, DataSource dataSource) {
        return new SequencingListener(template, new JdbcParcelStore(dataSource));
    }

    /** Publishes {@code parcel.stored} with the parcel id and a delivery counter. */
    public static class SequencingListener {
        private final AtomicLong deliveries = new AtomicLong();
        private final RabbitTemplate template;
        private final JdbcParcelStore store;

        SequencingListener(RabbitTemplate template, JdbcParcelStore store) {
            this.template = template;
            this.store = store;
        }

        @RabbitListener(queues = Topology.QUEUE)
        public void onScanned(ParcelScanned event) {
            long n = deliveries.incrementAndGet();
            if (store.add(event.parcelId())) {
                template.convertAndSend(
                        "parcels", "parcel.stored", Map.of("parcelId", event.parcelId(), "sequence", n));
            }
        }
    }
}
