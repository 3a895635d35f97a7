package dev.eventcontracts.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerFixtureTest {

    record Published(String exchange, String routingKey, String body) {}

    static final class CountingConsumer {
        private final List<String> seen;
        private final ContractContext.Publisher publisher;

        CountingConsumer(List<String> seen, ContractContext.Publisher publisher) {
            this.seen = seen;
            this.publisher = publisher;
        }

        void handle(String orderId) {
            seen.add(orderId);
            publisher.publish("inventory", "stock.reserved", orderId.getBytes());
        }
    }

    static final class CountingFixture implements ConsumerFixture<CountingConsumer> {
        final List<String> durable = new ArrayList<>();

        @Override
        public CountingConsumer create(ContractContext context) {
            return new CountingConsumer(durable, context.publisher());
        }

        @Override
        public Object state() {
            return List.copyOf(durable);
        }
    }

    @Test
    void eachCreateIsAProcessStart_butStateSurvivesOnTheFixture() {
        List<Published> published = new ArrayList<>();
        ContractContext context = new ContractContext() {
            @Override
            public Publisher publisher() {
                return (exchange, key, body) -> published.add(new Published(exchange, key, new String(body)));
            }

            @Override
            public URI httpBaseUri() {
                return URI.create("http://127.0.0.1:1");
            }
        };
        CountingFixture fixture = new CountingFixture();

        fixture.create(context).handle("o-1");
        fixture.create(context).handle("o-2");

        assertThat(fixture.state()).isEqualTo(List.of("o-1", "o-2"));
        assertThat(published).extracting(Published::body).containsExactly("o-1", "o-2");
    }

    @Test
    void fixtureWithoutState_reportsNull_soOnlyEffectsAreCompared() {
        ConsumerFixture<Object> fixture = context -> new Object();
        assertThat(fixture.state()).isNull();
    }
}
