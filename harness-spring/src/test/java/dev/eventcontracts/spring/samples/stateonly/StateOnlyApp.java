package dev.eventcontracts.spring.samples.stateonly;

import dev.eventcontracts.spring.samples.JdbcParcelStore;
import dev.eventcontracts.spring.samples.ParcelScanned;
import dev.eventcontracts.spring.samples.Topology;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * Defect seen only in state: the listener publishes nothing and calls nothing, but writes a row
 * per delivery (not per parcel). The service names its state with eventcontracts.state.query.
 */
@SpringBootApplication
@PropertySource({"classpath:samples/safe.properties", "classpath:samples/state-query.properties"})
public class StateOnlyApp {

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
    CountingListener listener(DataSource dataSource) throws SQLException {
        return new CountingListener(dataSource);
    }

    /** Inserts a row for every delivery. */
    public static class CountingListener {
        private final DataSource dataSource;

        CountingListener(DataSource dataSource) throws SQLException {
            this.dataSource = dataSource;
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS deliveries (id IDENTITY PRIMARY KEY, parcel_id VARCHAR(200))");
            }
        }

        @RabbitListener(queues = Topology.QUEUE)
        public void onScanned(ParcelScanned event) throws SQLException {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("INSERT INTO deliveries (parcel_id) VALUES (?)")) {
                s.setString(1, event.parcelId());
                s.executeUpdate();
            }
        }
    }
}
