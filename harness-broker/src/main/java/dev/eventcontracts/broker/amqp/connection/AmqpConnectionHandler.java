package dev.eventcontracts.broker.amqp.connection;

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
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server side of one AMQP connection: handshake, channel bookkeeping, heartbeats and the one
 * error path ({@link #closeChannel} / {@link #closeConnection}). Frames come decoded from {@link
 * FrameDecoder}; channel methods go to {@link ChannelContext}. Runs on the virtual host's thread.
 *
 * <p>Memory-alarm flow control works as in RabbitMQ: while the {@link MemoryAlarm} is on, a
 * connection is {@code blocking}; the first publish it sends makes it {@code blocked}: the broker
 * tells the client with {@code connection.blocked} (if its client properties announced that
 * capability) and stops reading from the socket, holding frames already decoded. Connections that
 * only consume are never blocked, so queues can drain. When the alarm clears, the connection gets
 * {@code connection.unblocked}, the held frames are processed and reading resumes. A blocked
 * connection is exempt from the missed-heartbeat check, since the broker itself stopped reading.
 */
public final class AmqpConnectionHandler extends ChannelInboundHandlerAdapter implements MemoryAlarm.Listener {
    private enum State {
        AWAIT_HEADER,
        AWAIT_START_OK,
        AWAIT_TUNE_OK,
        AWAIT_OPEN,
        OPEN,
        CLOSING,
        CLOSED
    }

    /** Largest frame accepted before {@code connection.tune-ok}, AMQP's {@code frame_min_size}. */
    static final int NEGOTIATION_FRAME_MAX = 4096;

    private final ConnectionSettings settings;
    private final VirtualHost vhost;
    private final Set<AmqpConnectionHandler> openConnections;
    private final Map<Integer, ChannelContext> channels = new HashMap<>();
    private final Handshake handshake;
    private ChannelHandlerContext ctx;
    private State state = State.AWAIT_HEADER;
    private ClientConnection client;
    private long frameMax;
    private int channelMax;
    private AmqpMethod currentMethod;
    private boolean flushScheduled;
    private ScheduledFuture<?> closeTimer;
    private boolean clientWantsBlockedNotify;
    private FlowState flow = FlowState.RUNNING;
    private boolean blockedSent;
    private final ArrayDeque<InboundFrame> held = new ArrayDeque<>();
    private long heartbeatMillis;
    private long resumedAtNanos;
    private boolean resumed;
    private Optional<String> certificateUser = Optional.empty();
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
        this.channelMax = settings.channelMax();
        this.handshake = new Handshake(settings);
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
        held.clear();
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
        if (flow == FlowState.BLOCKED || !held.isEmpty()) {
            held.addLast(frame); // read before reading stopped: processed when the alarm clears
            return;
        }
        process(frame);
    }

    private void process(InboundFrame frame) {
        try {
            onFrame(frame);
            blockIfPublishing(frame);
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
            for (ChannelContext ch : List.copyOf(channels.values())) {
                if (!ch.isClosing()) {
                    ch.session().resume();
                }
            }
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
            } else if (idle.state() == IdleState.READER_IDLE && !readingPaused()) {
                dropSocket("missed heartbeats from client, timeout: " + heartbeatMillis / 1000 + "s");
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    /**
     * Whether silence from the peer is our own doing: the connection is blocked, or reading
     * resumed less than one heartbeat timeout ago.
     */
    private boolean readingPaused() {
        return flow == FlowState.BLOCKED
                || (resumed && System.nanoTime() - resumedAtNanos < TimeUnit.MILLISECONDS.toNanos(heartbeatMillis * 2));
    }

    // ---- memory-alarm flow control ---------------------------------------------------------

    @Override
    public void memoryAlarm(boolean on) {
        if (state != State.OPEN) {
            return;
        }
        if (on) {
            if (flow == FlowState.RUNNING) {
                flow(FlowState.BLOCKING);
            }
            return;
        }
        FlowState was = flow;
        flow(FlowState.RUNNING);
        if (was == FlowState.BLOCKED) {
            if (blockedSent) {
                blockedSent = false;
                sendMethod(0, AmqpMethod.of(10, 61));
            }
            resumeReading();
        }
    }

    /**
     * After a completed publish (the message is routed first, as RabbitMQ does): a blocking
     * connection becomes blocked and stops being read.
     */
    private void blockIfPublishing(InboundFrame frame) {
        if (flow != FlowState.BLOCKING || state != State.OPEN || !isPublish(frame)) {
            return;
        }
        flow(FlowState.BLOCKED);
        ctx.channel().config().setAutoRead(false);
        if (clientWantsBlockedNotify && !blockedSent) {
            blockedSent = true;
            sendMethod(0, AmqpMethod.of(10, 60, vhost.memory().reason()));
        }
    }

    /** Whether {@code frame} completed a publish (its header without body, or its last body frame). */
    private boolean isPublish(InboundFrame frame) {
        if (!(frame instanceof InboundFrame.ContentHeaderFrame) && !(frame instanceof InboundFrame.Body)) {
            return false;
        }
        ChannelContext ch = channels.get(frame.channel());
        return ch != null && !ch.expectsContent();
    }

    /** Processes the frames held while blocked, then reads from the socket again. */
    private void resumeReading() {
        resumedAtNanos = System.nanoTime();
        resumed = true;
        while (!held.isEmpty() && flow != FlowState.BLOCKED && state != State.CLOSED) {
            process(held.pollFirst());
        }
        if (flow != FlowState.BLOCKED) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void flow(FlowState next) {
        flow = next;
        if (client != null) {
            client.flowState(next);
        }
    }

    private static boolean announcesCapability(AmqpMethod startOk, String capability) {
        Object caps = startOk.table(0).get("capabilities");
        return caps instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get(capability));
    }

    private int currentClassId() {
        return currentMethod == null ? 0 : currentMethod.classId();
    }

    private int currentMethodId() {
        return currentMethod == null ? 0 : currentMethod.methodId();
    }

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
            state = State.AWAIT_START_OK;
            certificateUser = verifiedCertificateUser();
            sendMethod(0, handshake.start(certificateUser.isPresent()));
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
                int id = m.method().methodId();
                if (m.method().classId() == 10 && (id == 51 || id == 50)) {
                    if (id == 50) {
                        sendMethod(0, AmqpMethod.of(10, 51));
                    }
                    ctx.flush();
                    ctx.close();
                }
            }
            return;
        }
        if (state != State.OPEN) {
            onHandshakeFrame(frame);
            return;
        }
        if (frame.channel() == 0) {
            onConnectionFrame(frame);
            return;
        }
        onChannelFrame(frame);
    }

    private void onHandshakeFrame(InboundFrame frame) {
        if (!(frame instanceof InboundFrame.Method mf) || frame.channel() != 0) {
            throw AmqpException.of(
                    AmqpException.COMMAND_INVALID, "expected a connection method on channel 0 during the handshake");
        }
        AmqpMethod m = mf.method();
        currentMethod = m;
        switch (state) {
            case AWAIT_START_OK -> {
                expect(m, 11, "connection.start-ok");
                String user;
                try {
                    user = handshake.authenticate(m, fromLoopback(), certificateUser);
                } catch (Handshake.MechanismNotOfferedException e) {
                    dropSocket(e.getMessage()); // as RabbitMQ: no connection.close, the socket just closes
                    return;
                }
                if (user == null && !announcesCapability(m, "authentication_failure_close")) {
                    // as RabbitMQ: only a client that announced authentication_failure_close gets a 403
                    dropSocket("login refused for mechanism " + m.string(1) + " (no authentication_failure_close)");
                    return;
                }
                if (user == null) {
                    closeConnection(
                            AmqpException.ACCESS_REFUSED,
                            "ACCESS_REFUSED - Login was refused using authentication mechanism " + m.string(1)
                                    + ". For details see the broker logfile.",
                            0,
                            0);
                    return;
                }
                client = vhost.connect(user, handshake.clientWantsCancelNotify(m), connectionName());
                client.clientProperties(m.table(0));
                client.onForcedClose(this::forceClose);
                clientWantsBlockedNotify = announcesCapability(m, "connection.blocked");
                state = State.AWAIT_TUNE_OK;
                sendMethod(
                        0,
                        AmqpMethod.of(10, 30, settings.channelMax(), settings.frameMax(), settings.heartbeatSeconds()));
            }
            case AWAIT_TUNE_OK -> {
                expect(m, 31, "connection.tune-ok");
                tuned(m.integer(0), m.integer(1) & 0xFFFFFFFFL, m.integer(2));
                state = State.AWAIT_OPEN;
            }
            case AWAIT_OPEN -> {
                expect(m, 40, "connection.open");
                if (!m.string(0).equals(vhost.name())) {
                    throw AmqpException.of(AmqpException.NOT_ALLOWED, "vhost " + m.string(0) + " not found");
                }
                if (settings.maxConnections() > 0 && vhost.connectionCount() > settings.maxConnections()) {
                    throw AmqpException.of(
                            AmqpException.NOT_ALLOWED,
                            "access to vhost '" + vhost.name() + "' refused for user '" + client.user()
                                    + "': connection limit (" + settings.maxConnections() + ") is reached");
                }
                state = State.OPEN;
                sendMethod(0, AmqpMethod.of(10, 41, ""));
                vhost.memory().subscribe(this);
                if (vhost.memory().isOn()) {
                    flow(FlowState.BLOCKING);
                }
            }
            default -> throw new IllegalStateException("handshake frame in state " + state);
        }
    }

    private static void expect(AmqpMethod m, int methodId, String name) {
        if (m.classId() != 10 || m.methodId() != methodId) {
            throw AmqpException.of(
                    AmqpException.COMMAND_INVALID,
                    "expected '" + name + "', got '" + m.spec().name() + "'");
        }
    }

    private void tuned(int clientChannelMax, long clientFrameMax, int heartbeat) {
        if (clientFrameMax != 0 && clientFrameMax < 4096) {
            throw AmqpException.of(AmqpException.NOT_ALLOWED, "frame_max=" + clientFrameMax + " < 4096 min size");
        }
        if (clientFrameMax > settings.frameMax()) {
            throw AmqpException.of(
                    AmqpException.NOT_ALLOWED,
                    "frame_max=" + clientFrameMax + " > " + settings.frameMax() + " max size");
        }
        frameMax = clientFrameMax == 0 ? settings.frameMax() : clientFrameMax;
        channelMax = clientChannelMax == 0 ? settings.channelMax() : Math.min(clientChannelMax, settings.channelMax());
        ctx.pipeline().get(FrameDecoder.class).frameMax(frameMax);
        if (heartbeat > 0) {
            long ms = heartbeat * 1000L;
            heartbeatMillis = ms;
            ctx.pipeline()
                    .addBefore(ctx.name(), "heartbeat", new IdleStateHandler(ms * 2, ms / 2, 0, TimeUnit.MILLISECONDS));
        }
    }

    private void onConnectionFrame(InboundFrame frame) {
        if (!(frame instanceof InboundFrame.Method mf)) {
            throw AmqpException.of(AmqpException.CHANNEL_ERROR, "content frame on channel 0");
        }
        AmqpMethod m = mf.method();
        currentMethod = m;
        if (m.classId() == 10 && m.methodId() == 50) {
            sendMethod(0, AmqpMethod.of(10, 51));
            state = State.CLOSED;
            client.close();
            ctx.flush();
            ctx.close();
            return;
        }
        if (m.classId() == 10 && (m.methodId() == 70)) {
            sendMethod(0, AmqpMethod.of(10, 71));
            return;
        }
        if (m.classId() == 10 && (m.methodId() == 60 || m.methodId() == 61)) {
            return;
        }
        throw AmqpException.of(
                AmqpException.COMMAND_INVALID, "unexpected method " + m.spec().name() + " on channel 0");
    }

    private void onChannelFrame(InboundFrame frame) {
        int number = frame.channel();
        ChannelContext ch = channels.get(number);
        if (frame instanceof InboundFrame.Method mf) {
            AmqpMethod m = mf.method();
            currentMethod = m;
            if (ch == null) {
                openChannel(number, m);
                return;
            }
            if (ch.isClosing()) {
                if (m.classId() == 20 && m.methodId() == 41) {
                    channels.remove(number);
                } else if (m.classId() == 20 && m.methodId() == 40) {
                    sendMethod(number, AmqpMethod.of(20, 41));
                }
                return;
            }
            if (ch.expectsContent()) {
                throw AmqpException.of(
                        AmqpException.UNEXPECTED_FRAME,
                        ch.awaitingHeader()
                                ? "expected content header for class 60, got non content header frame instead"
                                : "expected content body, got non content body frame instead");
            }
            if (m.classId() == 20 && m.methodId() == 40) {
                ch.session().close();
                channels.remove(number);
                sendMethod(number, AmqpMethod.of(20, 41));
                return;
            }
            if (m.classId() == 20 && m.methodId() == 41) {
                return;
            }
            ch.onMethod(m);
            return;
        }
        if (ch == null) {
            throw AmqpException.of(
                    AmqpException.CHANNEL_ERROR, "unexpected content frame on unopened channel " + number);
        }
        if (ch.isClosing()) {
            return;
        }
        if (frame instanceof InboundFrame.MalformedContentHeader bad) {
            if (!ch.awaitingHeader()) {
                throw AmqpException.of(
                        AmqpException.UNEXPECTED_FRAME, "expected method frame, got non method frame instead");
            }
            throw bad.error();
        }
        if (frame instanceof InboundFrame.ContentHeaderFrame h) {
            if (!ch.awaitingHeader()) {
                throw AmqpException.of(
                        AmqpException.UNEXPECTED_FRAME, "expected method frame, got non method frame instead");
            }
            currentMethod = ch.pendingMethod();
            ch.onHeader(h.header());
        } else if (frame instanceof InboundFrame.Body b) {
            if (!ch.expectsContent() || ch.awaitingHeader()) {
                throw AmqpException.of(
                        AmqpException.UNEXPECTED_FRAME, "expected method frame, got non method frame instead");
            }
            currentMethod = ch.pendingMethod();
            ch.onBody(b.bytes());
        }
    }

    private void openChannel(int number, AmqpMethod m) {
        if (m.classId() != 20 || m.methodId() != 10) {
            throw AmqpException.of(
                    AmqpException.CHANNEL_ERROR,
                    "expected 'channel.open' on channel " + number + ", got '"
                            + m.spec().name() + "'");
        }
        if (number > channelMax) {
            throw AmqpException.of(
                    AmqpException.CHANNEL_ERROR,
                    "channel " + number + " exceeds the negotiated channel_max " + channelMax);
        }
        ChannelContext ch = new ChannelContext(this, number);
        ch.attach(client.openSession(number, ch));
        channels.put(number, ch);
        sendMethod(number, AmqpMethod.of(20, 11, new byte[0]));
    }

    // ---- the error path --------------------------------------------------------------------

    /** Closes one channel with a soft error: its unacked deliveries are requeued. */
    void closeChannel(int number, int code, String text, int classId, int methodId) {
        ChannelContext ch = channels.get(number);
        if (ch == null) {
            closeConnection(code, text, classId, methodId);
            return;
        }
        if (ch.isClosing()) {
            return;
        }
        ch.markClosing();
        ch.session().close();
        sendMethod(number, AmqpMethod.of(20, 40, code, ReplyText.truncate(text), classId, methodId));
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
        sendMethod(0, AmqpMethod.of(10, 50, code, ReplyText.truncate(text), classId, methodId));
        ctx.flush();
        closeTimer = ctx.executor()
                .schedule(
                        () -> {
                            ctx.close();
                        },
                        settings.closeTimeoutMillis(),
                        TimeUnit.MILLISECONDS);
        if (flow == FlowState.BLOCKED) {
            flow = FlowState.RUNNING; // read the peer's close-ok; CLOSING ignores everything else
            resumeReading();
        }
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
    private void dropSocket(String reason) {
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

    private boolean fromLoopback() {
        return !(ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a)
                || a.getAddress().isLoopbackAddress();
    }

    private String connectionName() {
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
