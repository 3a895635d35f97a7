package dev.eventcontracts.broker.amqp.codec;

/** A frame read from a client, decoded as far as the frame type allows. */
public sealed interface InboundFrame {

    /** The channel number the frame was sent on. */
    int channel();

    /**
     * The 8-byte protocol header the client sent first.
     *
     * @param supported whether it was AMQP 0-9-1
     */
    record Header(boolean supported) implements InboundFrame {
        @Override
        public int channel() {
            return 0;
        }
    }

    /** A method frame. */
    record Method(int channel, AmqpMethod method) implements InboundFrame {}

    /** A content header frame. */
    record ContentHeaderFrame(int channel, ContentHeader header) implements InboundFrame {}

    /**
     * A content header frame whose payload does not decode; whether that is a 502 or a 505 depends
     * on whether the channel expected a content header (RabbitMQ answers 505 when it expected a
     * method), which only the connection knows.
     */
    record MalformedContentHeader(int channel, AmqpProtocolException error) implements InboundFrame {}

    /** A content body frame; the bytes are a private copy. */
    record Body(int channel, byte[] bytes) implements InboundFrame {}

    /** A heartbeat frame. */
    record Heartbeat(int channel) implements InboundFrame {}
}
