package dev.eventcontracts.broker.core;

/**
 * A broker operation refused with an AMQP reply code and RabbitMQ's reply text. Codes below 500
 * (except 320 and 402) close the channel; the others close the connection. The protocol layer
 * adds the class and method id of the method being processed.
 */
public final class AmqpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** 320 CONNECTION_FORCED. */
    public static final int CONNECTION_FORCED = 320;
    /** 403 ACCESS_REFUSED. */
    public static final int ACCESS_REFUSED = 403;
    /** 404 NOT_FOUND. */
    public static final int NOT_FOUND = 404;
    /** 405 RESOURCE_LOCKED. */
    public static final int RESOURCE_LOCKED = 405;
    /** 406 PRECONDITION_FAILED. */
    public static final int PRECONDITION_FAILED = 406;
    /** 501 FRAME_ERROR. */
    public static final int FRAME_ERROR = 501;
    /** 502 SYNTAX_ERROR. */
    public static final int SYNTAX_ERROR = 502;
    /** 503 COMMAND_INVALID. */
    public static final int COMMAND_INVALID = 503;
    /** 504 CHANNEL_ERROR. */
    public static final int CHANNEL_ERROR = 504;
    /** 505 UNEXPECTED_FRAME. */
    public static final int UNEXPECTED_FRAME = 505;
    /** 530 NOT_ALLOWED. */
    public static final int NOT_ALLOWED = 530;
    /** 540 NOT_IMPLEMENTED. */
    public static final int NOT_IMPLEMENTED = 540;
    /** 541 INTERNAL_ERROR. */
    public static final int INTERNAL_ERROR = 541;

    private final int replyCode;

    private AmqpException(int replyCode, String text) {
        super(text);
        this.replyCode = replyCode;
    }

    /** An error whose text is {@code NAME - detail}. */
    public static AmqpException of(int replyCode, String detail) {
        return new AmqpException(replyCode, name(replyCode) + " - " + detail);
    }

    /** 404 NOT_FOUND - detail. */
    public static AmqpException notFound(String detail) {
        return of(NOT_FOUND, detail);
    }

    /** 406 PRECONDITION_FAILED - detail. */
    public static AmqpException preconditionFailed(String detail) {
        return of(PRECONDITION_FAILED, detail);
    }

    /** 403 ACCESS_REFUSED - detail. */
    public static AmqpException accessRefused(String detail) {
        return of(ACCESS_REFUSED, detail);
    }

    /** The reply code. */
    public int replyCode() {
        return replyCode;
    }

    /** The reply text, {@code NAME - detail}. */
    public String replyText() {
        return getMessage();
    }

    /** Whether this code closes the whole connection rather than one channel. */
    public boolean isConnectionError() {
        return isConnectionError(replyCode);
    }

    /** Whether {@code code} closes the whole connection rather than one channel. */
    public static boolean isConnectionError(int code) {
        return code == CONNECTION_FORCED || code == 402 || code >= 500;
    }

    /** The AMQP constant name of a reply code. */
    public static String name(int code) {
        return switch (code) {
            case 200 -> "REPLY_SUCCESS";
            case 311 -> "CONTENT_TOO_LARGE";
            case 312 -> "NO_ROUTE";
            case 313 -> "NO_CONSUMERS";
            case 320 -> "CONNECTION_FORCED";
            case 402 -> "INVALID_PATH";
            case 403 -> "ACCESS_REFUSED";
            case 404 -> "NOT_FOUND";
            case 405 -> "RESOURCE_LOCKED";
            case 406 -> "PRECONDITION_FAILED";
            case 501 -> "FRAME_ERROR";
            case 502 -> "SYNTAX_ERROR";
            case 503 -> "COMMAND_INVALID";
            case 504 -> "CHANNEL_ERROR";
            case 505 -> "UNEXPECTED_FRAME";
            case 506 -> "RESOURCE_ERROR";
            case 530 -> "NOT_ALLOWED";
            case 540 -> "NOT_IMPLEMENTED";
            case 541 -> "INTERNAL_ERROR";
            default -> "ERROR_" + code;
        };
    }
}
