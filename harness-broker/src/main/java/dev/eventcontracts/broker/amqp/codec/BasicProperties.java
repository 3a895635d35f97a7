package dev.eventcontracts.broker.amqp.codec;

import java.util.Date;
import java.util.Map;

/**
 * The fourteen content-header properties of class {@code basic}, in wire order. Absent properties
 * are {@code null}.
 */
public record BasicProperties(
        String contentType,
        String contentEncoding,
        Map<String, Object> headers,
        Integer deliveryMode,
        Integer priority,
        String correlationId,
        String replyTo,
        String expiration,
        String messageId,
        Date timestamp,
        String type,
        String userId,
        String appId,
        String clusterId) {

    /** Properties with every field absent. */
    public static final BasicProperties EMPTY =
            new BasicProperties(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** A copy with {@code headers} replaced ({@code null} or empty removes the field). */
    public BasicProperties withHeaders(Map<String, Object> newHeaders) {
        return new BasicProperties(
                contentType,
                contentEncoding,
                newHeaders == null || newHeaders.isEmpty() ? null : newHeaders,
                deliveryMode,
                priority,
                correlationId,
                replyTo,
                expiration,
                messageId,
                timestamp,
                type,
                userId,
                appId,
                clusterId);
    }

    /** A copy with {@code expiration} replaced. */
    public BasicProperties withExpiration(String newExpiration) {
        return new BasicProperties(
                contentType,
                contentEncoding,
                headers,
                deliveryMode,
                priority,
                correlationId,
                replyTo,
                newExpiration,
                messageId,
                timestamp,
                type,
                userId,
                appId,
                clusterId);
    }

    /** A copy with {@code reply_to} replaced (direct reply-to rewrites it). */
    public BasicProperties withReplyTo(String newReplyTo) {
        return new BasicProperties(
                contentType,
                contentEncoding,
                headers,
                deliveryMode,
                priority,
                correlationId,
                newReplyTo,
                expiration,
                messageId,
                timestamp,
                type,
                userId,
                appId,
                clusterId);
    }
}
