package dev.eventcontracts.registry.server.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands each complete request to the API whose prefix its path starts with and writes the reply.
 * Runs on the registry's request threads; it only ever sees whole requests (headers and body
 * received), so a slow client cannot hold one of those threads.
 */
@ChannelHandler.Sharable
public final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final List<ApiHandler> apis;

    public RequestHandler(List<ApiHandler> apis) {
        this.apis = List.copyOf(apis);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            int status = cause instanceof TooLongFrameException ? 431 : 400;
            String message = "The request is not valid HTTP/1.1 ("
                    + (cause == null ? "undecodable" : cause.getMessage())
                    + ")." + (status == 431 ? " Keep the request line and headers under 16 KiB each." : "");
            write(ctx, request, apiFor(request.uri()).problem(status, "BadRequestException", message), true);
            return;
        }
        String uri = request.uri();
        int question = uri.indexOf('?');
        String rawPath = question < 0 ? uri : uri.substring(0, question);
        String rawQuery = question < 0 ? null : uri.substring(question + 1);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        ApiHandler api = apiFor(rawPath);
        HttpReply reply = api.serve(
                request.method().name().toUpperCase(Locale.ROOT),
                rawPath,
                rawQuery,
                headers,
                ByteBufUtil.getBytes(request.content()));
        write(ctx, request, reply, false);
    }

    /** The API that serves {@code path}; the first one answers unknown paths with its 404. */
    ApiHandler apiFor(String path) {
        for (ApiHandler api : apis) {
            if (api.owns(path)) {
                return api;
            }
        }
        return apis.get(0);
    }

    private static void write(ChannelHandlerContext ctx, HttpMessage request, HttpReply reply, boolean close) {
        FullHttpResponse response = toResponse(reply);
        boolean keepAlive = !close
                && HttpUtil.isKeepAlive(request)
                && !"close".equals(reply.headers().get("Connection"));
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    static FullHttpResponse toResponse(HttpReply reply) {
        byte[] body = reply.body() == null ? new byte[0] : reply.body();
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(body));
        reply.headers().forEach((name, value) -> response.headers().set(name, value));
        if (reply.body() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        }
        HttpUtil.setContentLength(response, body.length);
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset connection or a bug in encoding: the client gets no answer, the server goes on
    }

    /**
     * The body limit: a larger body gets 413 in the error shape of the API the path belongs to; the
     * rest of the body is read and dropped (within the request deadline), then the connection is
     * closed.
     */
    public static final class BodyLimit extends HttpObjectAggregator {
        private final RequestHandler handler;
        private final long maxBodyBytes;
        private boolean closeAfterBody;

        public BodyLimit(RequestHandler handler, int maxBodyBytes) {
            super(maxBodyBytes);
            this.handler = handler;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            String uri = oversized instanceof io.netty.handler.codec.http.HttpRequest r ? r.uri() : "/";
            String declared = oversized.headers().get(HttpHeaderNames.CONTENT_LENGTH);
            HttpReply reply = handler.apiFor(uri)
                    .problem(
                            413,
                            "LimitExceededException",
                            "The request body is too large ("
                                    + (declared == null ? "more than " + maxBodyBytes : declared) + " bytes); the limit"
                                    + " is " + maxBodyBytes + " bytes. Send one schema per request.");
            FullHttpResponse response = toResponse(reply);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response);
            closeAfterBody = true; // read and drop the rest, so the client sees the 413 and not a reset
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            boolean last = msg instanceof LastHttpContent;
            super.channelRead(ctx, msg);
            if (closeAfterBody && last) {
                ctx.close();
            }
        }
    }
}
