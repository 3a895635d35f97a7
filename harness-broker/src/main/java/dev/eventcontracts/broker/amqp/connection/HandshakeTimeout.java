package dev.eventcontracts.broker.amqp.connection;

import dev.eventcontracts.broker.amqp.codec.InboundFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a socket that has not sent {@code connection.open} within the handshake timeout, as
 * RabbitMQ's {@code handshake_timeout} (10 s) does: a client that sends nothing, half a protocol
 * header, or stops anywhere in the negotiation. Sits after the frame decoder and removes itself
 * once {@code connection.open} arrives. See docs/broker.md, "Hostile clients".
 */
final class HandshakeTimeout extends ChannelInboundHandlerAdapter {

    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    HandshakeTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundFrame.Method m
                && m.channel() == 0
                && m.method().classId() == 10
                && m.method().methodId() == 40) {
            cancel();
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> ctx.channel().close(), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
