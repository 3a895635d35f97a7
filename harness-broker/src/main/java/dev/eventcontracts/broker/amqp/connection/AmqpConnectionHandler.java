package dev.eventcontracts.broker.amqp.connection;

import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_BLOCKED;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_CLOSE;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_CLOSE_OK;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_UNBLOCKED;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_UPDATE_SECRET;
import static dev.eventcontracts.broker.amqp.codec.MethodSpec.CONNECTION_UPDATE_SECRET_OK;

import dev.eventcontracts.broker.amqp.codec.AmqpMethod;
import dev.eventcontracts.broker.amqp.codec.AmqpProtocolException;
import dev.eventcontracts.broker.amqp.codec.FrameDecoder;
import dev.eventcontracts.broker.amqp.codec.FrameWriter;
import dev.eventcontracts.broker.amqp.codec.InboundFrame;
import dev.eventcontracts.broker.amqp.codec.ProtocolHeader;
import dev.eventcontracts.broker.core.AmqpException;
import dev.eventcontracts.broker.core.ClientConnection;
import dev.eventcontracts.broker.core.ClientConnection.FlowState;
import dev.eventcontracts.broker.core.MemoryAlarm;
import dev.eventcontracts.broker.core.VirtualHost;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Netty side of one AMQP connection: it takes decoded frames from {@link FrameDecoder}, hands
 * them on, and owns the one error path ({@link #closeChannel} / {@link #closeConnection}), the
 * heartbeats and the output. The negotiation is {@link Negotiation}'s, the channels {@link
 * ChannelTable}'s (their methods go to {@link ChannelContext}) and memory-alarm flow control
 * {@link FlowControl}'s (docs/broker.md, Architecture). Runs on the virtual host's thread.
 */
public final class AmqpConnectionHandler extends ChannelInboundHandlerAdapter implements MemoryAlarm.Listener {
    private enum State {
        AWAIT_HEADER,
        NEGOTIATING,
        OPEN,
        CLOSING,
        CLOSED
    }

    /** Largest frame accepted before {@code connection.tune-ok}, AMQP's {@code frame_min_size}. */
    static final int NEGOTIATION_FRAME_MAX = 4096;

    private final ConnectionSettings settings;
    private final VirtualHost vhost;
    private final Set<AmqpConnectionHandler> openConnections;
    private final Negotiation negotiation;
    private final ChannelTable channels;
    private final FlowControl flow = new FlowControl(this);
    private ChannelHandlerContext ctx;
    private State state = State.AWAIT_HEADER;
    private ClientConnection client;
    private long frameMax;
    private AmqpMethod currentMethod;
    private boolean flushScheduled;
    private ScheduledFuture<?> closeTimer;
    private long heartbeatMillis;
    private final DropLog dropLog = new DropLog();

    /**
     * A handler for one connection.
     *
     * @param settings what to negotiate and whom to accept
     * @param vhost the only virtual host, {@code /}
     * @param openConnections where the handler registers itself while open (for forced close)
     */
    public AmqpConnectionHandler(
            ConnectionSettings settings, VirtualHost vhost, Set<AmqpConnectionHandler> openConnections) {
        this.settings = settings;
        this.vhost = vhost;
        this.openConnections = openConnections;
        this.frameMax = settings.frameMax();
        this.negotiation = new Negotiation(this, settings, vhost);
        this.channels = new ChannelTable(this, settings.channelMax());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
        if (decoder != null) {
            decoder.frameMax(NEGOTIATION_FRAME_MAX); // as RabbitMQ: frame_min_size until tune-ok
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        openConnections.add(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.CLOSED && state != State.CLOSING) {
            dropLog.socketClosed(connectionName(), client == null ? null : client.user(), "client closed the socket");
        }
        state = State.CLOSED;
        openConnections.remove(this);
        vhost.memory().unsubscribe(this);
        flow.clear();
        if (closeTimer != null) {
            closeTimer.cancel(false);
        }
        if (client != null) {
            client.close();
        }
        channels.clear();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.CLOSED) {
            return;
        }
        InboundFrame frame = (InboundFrame) msg;
        if (flow.hold(frame)) {
            return;
        }
        process(frame);
    }

    /** Processes one frame; every refusal ends on the error path. */
    void process(InboundFrame frame) {
        try {
            onFrame(frame);
            if (state == State.OPEN && flow.isBlocking() && channels.completesPublish(frame)) {
                flow.afterPublish();
            }
        } catch (AmqpProtocolException e) {
            closeConnection(e.replyCode(), e.getMessage(), currentClassId(), currentMethodId());
        } catch (AmqpException e) {
            if (e.isConnectionError() || frame.channel() == 0) {
                closeConnection(e.replyCode(), e.replyText(), currentClassId(), currentMethodId());
            } else {
                closeChannel(frame.channel(), e.replyCode(), e.replyText(), currentClassId(), currentMethodId());
            }
        } catch (RuntimeException e) {
            closeConnection(
                    AmqpException.INTERNAL_ERROR,
                    "INTERNAL_ERROR - " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    currentClassId(),
                    currentMethodId());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof AmqpProtocolException e && state != State.CLOSED && state != State.AWAIT_HEADER) {
            closeConnection(e.replyCode(), e.getMessage(), 0, 0);
        } else {
            dropSocket(String.valueOf(root));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && state == State.OPEN) {
            channels.resumeAll();
        }
        ctx.fireChannelWritabilityChanged();
    }

    boolean isWritable() {
        return ctx.channel().isWritable();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ByteBuf hb = allocate(8);
                FrameWriter.heartbeat(hb);
                ctx.writeAndFlush(hb);
            } else if (idle.state() == IdleState.READER_IDLE && !flow.readingPaused(heartbeatMillis)) {
                dropSocket("missed heartbeats from client, timeout: " + heartbeatMillis / 1000 + "s");
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    // ---- memory-alarm flow control (FlowControl) -------------------------------------------

    @Override
    public void memoryAlarm(boolean on) {
        if (state == State.OPEN) {
            flow.alarm(on);
        }
    }

    void flowStateChanged(FlowState next) {
        if (client != null) {
            client.flowState(next);
        }
    }

    void autoRead(boolean on) {
        ctx.channel().config().setAutoRead(on);
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    // ---- negotiation (Negotiation) ---------------------------------------------------------

    /** Login succeeded in {@code connection.start-ok}. */
    void loggedIn(ClientConnection loggedIn, boolean wantsBlockedNotify) {
        this.client = loggedIn;
        flow.clientWantsBlockedNotify(wantsBlockedNotify);
    }

    /** {@code connection.tune-ok} agreed on these limits: the pipeline follows them. */
    void tuned(long negotiatedFrameMax, int negotiatedChannelMax, int heartbeat) {
        frameMax = negotiatedFrameMax;
        channels.channelMax(negotiatedChannelMax);
        ctx.pipeline().get(FrameDecoder.class).frameMax(frameMax);
        if (heartbeat > 0) {
            long ms = heartbeat * 1000L;
            heartbeatMillis = ms;
            ctx.pipeline()
                    .addBefore(ctx.name(), "heartbeat", new IdleStateHandler(ms * 2, ms / 2, 0, TimeUnit.MILLISECONDS));
        }
    }

    private int currentClassId() {
        return currentMethod == null ? 0 : currentMethod.classId();
    }

    private int currentMethodId() {
        return currentMethod == null ? 0 : currentMethod.methodId();
    }

    /** The method being processed, whose ids an error's {@code close} names. */
    void inMethod(AmqpMethod m) {
        currentMethod = m;
    }

    long frameMax() {
        return frameMax;
    }

    // ---- frames ----------------------------------------------------------------------------

    private void onFrame(InboundFrame frame) {
        if (frame instanceof InboundFrame.Header header) {
            if (!header.supported()) {
                dropLog.socketClosed(connectionName(), null, "unsupported protocol header; answered AMQP 0-9-1");
                ctx.writeAndFlush(Unpooled.wrappedBuffer(ProtocolHeader.amqp091()))
                        .addListener(ChannelFutureListener.CLOSE);
                state = State.CLOSED;
                return;
            }
            state = State.NEGOTIATING;
            negotiation.start(verifiedCertificateUser());
            return;
        }
        if (frame instanceof InboundFrame.Heartbeat) {
            if (frame.channel() != 0) {
                throw AmqpException.of(AmqpException.UNEXPECTED_FRAME, "heartbeat frame on channel " + frame.channel());
            }
            return;
        }
        if (state == State.CLOSING) {
            if (frame instanceof InboundFrame.Method m && m.channel() == 0) {
                if (m.method().is(CONNECTION_CLOSE) || m.method().is(CONNECTION_CLOSE_OK)) {
                    if (m.method().is(CONNECTION_CLOSE)) {
                        sendMethod(0, AmqpMethod.of(CONNECTION_CLOSE_OK));
                    }
                    ctx.flush();
                    ctx.close();
                }
            }
            return;
        }
        if (state != State.OPEN) {
            if (negotiation.onFrame(frame) && state == State.NEGOTIATING) {
                opened();
            }
            return;
        }
        if (frame.channel() == 0) {
            onConnectionFrame(frame);
            return;
        }
        channels.onFrame(frame, client);
    }

    private void opened() {
        state = State.OPEN;
        vhost.memory().subscribe(this);
        if (vhost.memory().isOn()) {
            flow.openedDuringAlarm();
        }
    }

    private void onConnectionFrame(InboundFrame frame) {
        if (!(frame instanceof InboundFrame.Method mf)) {
            throw AmqpException.of(AmqpException.CHANNEL_ERROR, "content frame on channel 0");
        }
        AmqpMethod m = mf.method();
        currentMethod = m;
        switch (m.spec()) {
            case CONNECTION_CLOSE -> {
                sendMethod(0, AmqpMethod.of(CONNECTION_CLOSE_OK));
                state = State.CLOSED;
                client.close();
                ctx.flush();
                ctx.close();
            }
            case CONNECTION_UPDATE_SECRET -> sendMethod(0, AmqpMethod.of(CONNECTION_UPDATE_SECRET_OK));
            case CONNECTION_BLOCKED, CONNECTION_UNBLOCKED -> {
                // a client's own flow notices: nothing to do
            }
            default ->
                throw AmqpException.of(
                        AmqpException.COMMAND_INVALID,
                        "unexpected method " + m.spec().amqpName() + " on channel 0");
        }
    }

    // ---- the error path --------------------------------------------------------------------

    /** Closes one channel with a soft error: its unacked deliveries are requeued. */
    void closeChannel(int number, int code, String text, int classId, int methodId) {
        if (!channels.close(number, code, text, classId, methodId)) {
            closeConnection(code, text, classId, methodId);
        }
    }

    /** Closes the connection with a hard error; the socket closes on close-ok or after a timeout. */
    public void closeConnection(int code, String text, int classId, int methodId) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        state = State.CLOSING;
        dropLog.closing(connectionName(), client == null ? null : client.user(), code, text);
        vhost.memory().unsubscribe(this);
        if (client != null) {
            client.close();
        }
        sendMethod(0, AmqpMethod.of(CONNECTION_CLOSE, code, ReplyText.truncate(text), classId, methodId));
        ctx.flush();
        closeTimer = ctx.executor()
                .schedule(
                        () -> {
                            ctx.close();
                        },
                        settings.closeTimeoutMillis(),
                        TimeUnit.MILLISECONDS);
        flow.releaseForClose();
    }
    /** Closes the connection with 320 CONNECTION_FORCED (broker shutdown). */
    public void forceClose() {
        forceClose("shutdown");
    }

    /**
     * Closes the connection with 320 CONNECTION_FORCED and RabbitMQ's text for {@code reason}, as
     * {@code rabbitmqctl close_connection} and the management API's {@code DELETE} do.
     */
    public void forceClose(String reason) {
        closeConnection(
                AmqpException.CONNECTION_FORCED,
                "CONNECTION_FORCED - "
                        + ("shutdown".equals(reason)
                                ? "broker forced connection closure with reason 'shutdown'"
                                : reason),
                0,
                0);
    }

    /** Closes the socket without {@code connection.close}, and logs why. */
    void dropSocket(String reason) {
        if (state != State.CLOSED) {
            dropLog.socketClosed(connectionName(), client == null ? null : client.user(), reason);
        }
        state = State.CLOSED;
        ctx.close();
    }

    /** Completes when the socket is closed. */
    public io.netty.channel.ChannelFuture closeFuture() {
        return ctx.channel().closeFuture();
    }

    // ---- output ----------------------------------------------------------------------------

    ByteBuf allocate(int capacity) {
        return ctx.alloc().buffer(capacity);
    }

    void sendMethod(int channel, AmqpMethod m) {
        ByteBuf out = allocate(64);
        FrameWriter.method(out, channel, m);
        send(out);
    }

    void send(ByteBuf out) {
        ctx.write(out, ctx.voidPromise());
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(() -> {
                flushScheduled = false;
                ctx.flush();
            });
        }
    }

    /** The CN of the client certificate the TLS handshake verified, if this is an amqps connection with one. */
    private Optional<String> verifiedCertificateUser() {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        return tls == null
                ? Optional.empty()
                : ServerTls.clientCommonName(tls.engine().getSession());
    }

    boolean fromLoopback() {
        return !(ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a)
                || a.getAddress().isLoopbackAddress();
    }

    String connectionName() {
        return address(ctx.channel().remoteAddress()) + " -> "
                + address(ctx.channel().localAddress());
    }

    private static String address(java.net.SocketAddress a) {
        if (a instanceof java.net.InetSocketAddress i) {
            return i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }
}
