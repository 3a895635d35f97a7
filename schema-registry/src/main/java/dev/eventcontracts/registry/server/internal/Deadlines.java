package dev.eventcontracts.registry.server.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one connection, so a client that stalls holds a socket for a bounded time and
 * never a request thread: idle between requests, headers not finished, body not finished. Two
 * handlers share the state, both on the connection's event loop: {@link #bytes()} before the HTTP
 * codec sees the first byte of a request; {@link #messages()} after it sees the headers, the end of
 * the body and the end of the response. See docs/registry.md, "Limits and hostile clients".
 */
public final class Deadlines {

    private enum Phase {
        IDLE,
        HEADERS,
        BODY,
        HANDLING
    }

    private static final String TIMEOUT = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\n"
            + "Connection: close\r\nContent-Length: %d\r\n\r\n%s";

    private final long idleNanos;
    private final long headerNanos;
    private final long requestNanos;
    private Phase phase = Phase.IDLE;
    private long requestStart;
    private ScheduledFuture<?> timer;
    private ChannelHandlerContext head;

    public Deadlines(Duration idle, Duration header, Duration request) {
        this.idleNanos = idle.toNanos();
        this.headerNanos = header.toNanos();
        this.requestNanos = request.toNanos();
    }

    /** Goes before the HTTP codec: arms the idle timer and notices the first byte of a request. */
    public ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                head = ctx;
                arm(Phase.IDLE, idleNanos);
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (phase == Phase.IDLE && msg instanceof ByteBuf buf && buf.isReadable()) {
                    requestStart = System.nanoTime();
                    arm(Phase.HEADERS, headerNanos);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancel();
                ctx.fireChannelInactive();
            }
        };
    }

    /** Goes right after the HTTP codec: headers complete, body complete, response written. */
    public ChannelDuplexHandler messages() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest && phase == Phase.HEADERS) {
                    arm(Phase.BODY, requestNanos - (System.nanoTime() - requestStart));
                }
                if (msg instanceof LastHttpContent && phase != Phase.IDLE) {
                    cancel();
                    phase = Phase.HANDLING;
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof LastHttpContent && phase == Phase.HANDLING) {
                    arm(Phase.IDLE, idleNanos);
                }
                ctx.write(msg, promise);
            }
        };
    }

    private void arm(Phase next, long nanos) {
        cancel();
        phase = next;
        timer = head.executor().schedule(this::expire, Math.max(nanos, 1), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire() {
        timer = null;
        if (phase == Phase.IDLE) {
            head.close();
            return;
        }
        String what = phase == Phase.HEADERS
                ? "its headers were not complete within " + Duration.ofNanos(headerNanos)
                : "its body was not complete within " + Duration.ofNanos(requestNanos)
                        + " (is Content-Length larger than the body sent?)";
        String json = "{\"error_code\":408,\"name\":\"RequestTimeoutException\",\"message\":\"The request timed out: "
                + what + ". Send the whole request at once.\"}";
        String response = TIMEOUT.formatted(json.getBytes(StandardCharsets.UTF_8).length, json);
        head.writeAndFlush(Unpooled.copiedBuffer(response, StandardCharsets.UTF_8))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
