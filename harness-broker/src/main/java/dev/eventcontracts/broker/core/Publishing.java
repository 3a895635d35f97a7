package dev.eventcontracts.broker.core;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.faults.FaultRule;
import dev.eventcontracts.broker.store.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The publish side of one channel: checks a {@code basic.publish}, routes it (or holds it until
 * {@code tx.commit}), returns it when mandatory and unroutable, confirms it in confirm mode,
 * records it in the publish journal, and applies the publish fault rules. Runs on the virtual
 * host's thread.
 */
final class Publishing {
    private final VirtualHost vhost;
    private final Topology topology;
    private final ClientConnection connection;
    private final SessionOutput output;
    private final BooleanSupplier closed;
    /** Publishes held back until {@code tx.commit}. */
    private final List<Runnable> held = new ArrayList<>();

    private boolean confirmMode;
    private long sequence;

    Publishing(VirtualHost vhost, ClientConnection connection, SessionOutput output, BooleanSupplier closed) {
        this.vhost = vhost;
        this.topology = vhost.topology();
        this.connection = connection;
        this.output = output;
        this.closed = closed;
    }

    /** {@code confirm.select}: every publish from now on is confirmed with a sequence number. */
    void confirmMode() {
        confirmMode = true;
    }

    boolean inConfirmMode() {
        return confirmMode;
    }

    /**
     * {@code basic.publish} with its assembled content.
     *
     * @param replyAddress the channel's direct reply-to address, or null without a reply consumer
     * @param transactional hold the publish until {@code tx.commit}
     */
    void publish(
            String exchangeName,
            String routingKey,
            boolean mandatory,
            boolean immediate,
            BasicProperties properties,
            byte[] body,
            String replyAddress,
            boolean transactional) {
        if (immediate) {
            throw AmqpException.of(AmqpException.NOT_IMPLEMENTED, "immediate=true");
        }
        vhost.access().check(connection.user(), AccessControl.Need.WRITE, "exchange", exchangeName);
        Exchange exchange = topology.existingExchange(exchangeName);
        if (exchange.internal) {
            throw AmqpException.accessRefused(
                    "cannot publish to internal exchange '" + exchangeName + "' in vhost '" + vhost.name() + "'");
        }
        Publications.validateUserId(properties.userId(), connection.user(), vhost.userTags());
        Publications.validateExpiration(properties.expiration());
        if (properties.replyTo() != null && DirectReplyTo.isPseudoQueue(properties.replyTo())) {
            if (replyAddress == null) {
                throw AmqpException.preconditionFailed("fast reply consumer does not exist");
            }
            properties = properties.withReplyTo(replyAddress);
        }
        Message message = Publications.toMessage(exchangeName, routingKey, properties, body);
        long seq = confirmMode ? ++sequence : 0;
        FaultRule.PublishRule fault = vhost.faults().onPublish(exchangeName, routingKey);
        if (fault != null) {
            faulted(fault, message, seq);
            return;
        }
        if (transactional) {
            held.add(() -> route(exchangeName, message, mandatory, 0));
            return;
        }
        route(exchangeName, message, mandatory, seq);
    }

    /** {@code tx.commit}: routes the held publishes, in order. */
    void commit() {
        List<Runnable> publishes = new ArrayList<>(held);
        held.clear();
        publishes.forEach(Runnable::run);
    }

    /** {@code tx.rollback} and close: drops the held publishes. */
    void dropHeld() {
        held.clear();
    }

    /**
     * A publish a fault rule stops (docs/broker.md, *Fault injection*): never routed, recorded in
     * the journal with the rule's type, then nacked, refused with 403 or answered by closing the
     * connection with 320.
     */
    private void faulted(FaultRule.PublishRule fault, Message message, long seq) {
        boolean nack = fault instanceof FaultRule.NackPublishes && seq > 0;
        vhost.journal().record(message, List.of(), false, nack ? "nack" : "none", connection, fault.type());
        String detail = "publish to exchange '" + message.exchange() + "' with routing key '" + message.routingKey()
                + "' in vhost '" + vhost.name() + "' refused by harness fault rule "
                + fault.getClass().getSimpleName();
        if (fault instanceof FaultRule.RefusePublishes) {
            throw AmqpException.accessRefused(detail);
        } else if (fault instanceof FaultRule.CloseConnectionOnPublish) {
            output.closeConnection(
                    AmqpException.CONNECTION_FORCED,
                    AmqpException.name(AmqpException.CONNECTION_FORCED) + " - " + detail);
        } else if (nack) {
            output.confirm(seq, false, false);
        }
    }

    private void route(String exchangeName, Message message, boolean mandatory, long seq) {
        Exchange exchange = vhost.exchange(exchangeName);
        Optional<Session> replyTarget =
                exchangeName.isEmpty() ? vhost.directReplyTo().target(message.routingKey()) : Optional.empty();
        replyTarget.ifPresent(target -> target.deliverReply(message));
        VirtualHost.Routed routed = exchange == null || replyTarget.isPresent()
                ? new VirtualHost.Routed(List.of(), false, false)
                : vhost.publish(exchange, message);
        boolean returned = routed.queues().isEmpty() && replyTarget.isEmpty() && mandatory;
        if (returned) {
            output.returned(312, "NO_ROUTE", message);
        }
        if (seq > 0 && routed.persisted()) {
            vhost.store().afterSync(written -> {
                if (!closed.getAsBoolean()) {
                    output.confirm(seq, false, written && !routed.rejected());
                }
            });
        } else if (seq > 0) {
            output.confirm(seq, false, !routed.rejected());
        }
        vhost.journal()
                .record(
                        message,
                        routed.queues(),
                        returned,
                        seq > 0 ? (routed.rejected() ? "nack" : "ack") : "none",
                        connection,
                        null);
        if (seq == 0 && routed.persisted()) {
            String failure = vhost.store().writeFailure();
            if (!failure.isEmpty()) {
                throw AmqpException.of(AmqpException.INTERNAL_ERROR, failure);
            }
        }
    }
}
