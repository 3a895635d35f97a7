package dev.eventcontracts.spring.internal;

import dev.eventcontracts.junit.internal.effects.Effects;
import dev.eventcontracts.junit.internal.scenario.ContractSession;
import dev.eventcontracts.spring.internal.ServiceScenarios.Outcome;
import java.util.List;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Failures of the service's own publishes, made by the broker's publish fault rules
 * (docs/broker.md, fault injection) on the exchange and routing key the listener publishes to:
 * a nack once, for (k), and a refusal of every publish (the channel is closed), for (j). Tells a
 * retried or dead-lettered event from one the listener acknowledged although its outgoing message
 * never arrived, and names a publisher without confirms (docs/service-mode.md, publish failures).
 */
final class PublishFaults {

    /** Finding code of a listener whose unconfirmed publish was lost while it acked its input. */
    static final String UNCONFIRMED = "publishes-unconfirmed";

    private static final int ALWAYS = 1000;

    private final ServiceScenarios scenarios;
    private final ServiceScenarios.Parts parts;

    PublishFaults(ServiceScenarios scenarios, ServiceScenarios.Parts parts) {
        this.scenarios = scenarios;
        this.parts = parts;
    }

    /** (k): the broker nacks the listener's first outgoing publish once. */
    Outcome recovers(Effects once) throws Exception {
        Effects.Message out = once.messages().get(0);
        String target = target(out);
        parts.admin().addPublishFault("nack-publishes", exchange(out), out.routingKey(), 1);
        Observer.Mark mark = parts.observer().mark();
        Samples.Encoded event = parts.samples().good();
        scenarios.publish(event);
        scenarios.requireQuiet("scenario 'transient-recovers' (publish nacked)");
        parts.admin().clearFaults();
        String name = parts.contract().displayName();
        if (parts.observer().isDeadLettered(event.messageId())) {
            scenarios.cleanUpAfter(new Fate(Fate.Kind.DEAD_LETTERED, 0, null, List.of()));
            return Outcome.failed(
                    name + ": the broker nacked one publish " + target + " and the event was dead-lettered instead"
                            + " of retried (" + parts.setup().property("retry.enabled") + " = "
                            + parts.setup().propertyValue("retry.enabled", "false") + ").",
                    "set " + parts.setup().property("retry.enabled") + ": true with max-attempts of 2 or more,"
                            + " so a failed publish is retried before the event is dead-lettered.");
        }
        Effects effects = parts.observer().effectsSince(mark);
        List<BrokerAdmin.Publish> faulted = parts.observer().faultedSince(mark);
        if (count(effects, out) < count(once, out) && !faulted.isEmpty()) {
            return lost(faulted.get(0), target, "nacked its publish " + target + " once");
        }
        return scenarios.compare(once, effects, "one new event whose first publish " + target + " the broker nacked");
    }

    /** (j): the broker refuses every publish of the listener to that exchange and routing key. */
    Outcome persists(Effects once) throws Exception {
        Effects.Message out = once.messages().get(0);
        String target = target(out);
        parts.admin().addPublishFault("refuse-publishes", exchange(out), out.routingKey(), ALWAYS);
        Samples.Encoded event = parts.samples().good();
        Observer.Mark mark = parts.observer().mark();
        scenarios.publish(event);
        Fate fate = parts.observer().awaitFate(mark, event.messageId());
        parts.admin().clearFaults();
        scenarios.cleanUpAfter(fate);
        List<BrokerAdmin.Publish> faulted = parts.observer().faultedSince(mark);
        if (fate.kind() == Fate.Kind.ACCEPTED && !faulted.isEmpty()) {
            return lost(faulted.get(0), target, "refused every publish " + target + " (closing the channel)");
        }
        return scenarios.verdict(fate, "an event whose every publish " + target + " the broker refused");
    }

    /** The event was acknowledged although its outgoing message never arrived. */
    private Outcome lost(BrokerAdmin.Publish publish, String target, String what) {
        String name = parts.contract().displayName();
        String confirmFix = "set spring.rabbitmq.publisher-confirm-type: correlated and wait for the confirm before"
                + " the listener returns (convertAndSend(exchange, key, payload, correlationData), then"
                + " correlationData.getFuture().get(5, SECONDS) and throw unless isAck()), undoing the database"
                + " write when the publish fails (one transaction), so a lost publish fails the delivery and"
                + " the event is retried or dead-lettered; or publish in a transaction"
                + " (spring.rabbitmq.template.channel-transacted with a transacted container).";
        if ("none".equals(publish.confirm()) && !serviceConfirms()) {
            String message = name + " publishes " + target + " without publisher confirms: the broker " + what
                    + ", the listener acknowledged the event anyway and its outgoing message was lost.";
            scenarios.report(new ContractSession.Finding(UNCONFIRMED, "WARNING", message + " Fix: " + confirmFix));
            return Outcome.failed(message, confirmFix);
        }
        return Outcome.failed(
                name + ": the broker " + what + " (a confirm channel got the nack or close), but the listener"
                        + " acknowledged the event anyway and its outgoing message was lost.",
                "act on the confirm: wait for it (waitForConfirmsOrDie, CorrelationData.getFuture()) and throw on a"
                        + " nack or a closed channel, so the event is retried or dead-lettered.");
    }

    /**
     * Whether the service's connection factories publish with confirms or its templates in
     * transactions (a refused publish is journaled without a confirm either way).
     */
    private boolean serviceConfirms() {
        var context = parts.instances().primary();
        boolean confirms = context.getBeansOfType(CachingConnectionFactory.class).values().stream()
                .anyMatch(f -> f.isPublisherConfirms() || f.isSimplePublisherConfirms());
        boolean transacted = context.getBeansOfType(RabbitTemplate.class).values().stream()
                .anyMatch(RabbitTemplate::isChannelTransacted);
        return confirms || transacted;
    }

    private static long count(Effects effects, Effects.Message m) {
        return effects.messages().stream()
                .filter(x -> x.exchange().equals(m.exchange()) && x.routingKey().equals(m.routingKey()))
                .count();
    }

    private static String exchange(Effects.Message m) {
        return m.exchange().equals("(default)") ? "" : m.exchange();
    }

    private static String target(Effects.Message m) {
        return "to exchange '" + m.exchange() + "' with routing key '" + m.routingKey() + "'";
    }
}
