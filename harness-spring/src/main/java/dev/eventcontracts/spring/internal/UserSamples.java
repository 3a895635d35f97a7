package dev.eventcontracts.spring.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * The business-invalid samples the service's fixture supplies, encoded as the service reads them:
 * payload objects through its own message converter, {@code byte[]} bodies as they are with a
 * good sample's content type and headers.
 */
public final class UserSamples {

    private final List<?> poison;
    private final ListenerSetup setup;
    private final Samples samples;
    private final String fixture;

    /**
     * @param fixture the fixture's class name, or null without a fixture
     * @param poison the fixture's poison samples
     */
    public UserSamples(String fixture, List<?> poison, ListenerSetup setup, Samples samples) {
        this.fixture = fixture;
        this.poison = List.copyOf(poison);
        this.setup = setup;
        this.samples = samples;
    }

    /** The fixture's class name, or null. */
    public String fixture() {
        return fixture;
    }

    /** The poison samples, each with a fresh message id. */
    public List<Samples.Encoded> poison() {
        List<Samples.Encoded> out = new ArrayList<>();
        for (int i = 0; i < poison.size(); i++) {
            out.add(encode(poison.get(i), i + 1));
        }
        return out;
    }

    private Samples.Encoded encode(Object sample, int number) {
        String kind = "business-invalid sample #" + number + " of " + simple(fixture);
        String id = Samples.ID_PREFIX + "poison-" + UUID.randomUUID();
        if (sample instanceof byte[] body) {
            Samples.Encoded template = samples.good();
            return new Samples.Encoded(
                    id, body, template.contentType(), template.contentEncoding(), template.headers(), kind);
        }
        Message message = setup.converter().toMessage(sample, new MessageProperties());
        MessageProperties p = message.getMessageProperties();
        Map<String, Object> headers = new LinkedHashMap<>();
        p.getHeaders().forEach((k, v) -> headers.put(k, v == null ? null : String.valueOf(v)));
        return new Samples.Encoded(id, message.getBody(), p.getContentType(), p.getContentEncoding(), headers, kind);
    }

    private static String simple(String className) {
        return className == null ? "the fixture" : className.substring(className.lastIndexOf('.') + 1);
    }
}
