package dev.kumo.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.function.ToLongFunction;

/**
 * Enforces a per-route body limit before the body is buffered: a declared {@code Content-Length} over the
 * limit is answered 413 at once; a chunked body is counted and answered 413 when it crosses the limit.
 * The rest of the body is then read and thrown away (up to {@link #MAX_DRAIN} bytes) before the connection
 * is closed: closing with unread bytes would make the kernel reset the connection, and the client would
 * see a broken pipe instead of the 413.
 */
final class BodyLimit extends ChannelInboundHandlerAdapter {

    static final long MAX_DRAIN = 16L * 1024 * 1024;

    private final ToLongFunction<HttpRequest> limitFor;
    private long limit;
    private long seen;
    private boolean draining;
    private long drained;

    BodyLimit(ToLongFunction<HttpRequest> limitFor) {
        this.limitFor = limitFor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (draining) {
            drain(ctx, msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            limit = limitFor.applyAsLong(request);
            seen = 0;
            if (HttpUtil.getContentLength(request, -1L) > limit) {
                // A client waiting for "100 Continue" has sent no body: answer and close.
                reject(ctx, msg, HttpUtil.is100ContinueExpected(request));
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            seen += content.content().readableBytes();
            if (seen > limit) {
                reject(ctx, msg, false);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void reject(ChannelHandlerContext ctx, Object msg, boolean bodyWillNotCome) {
        boolean complete = bodyWillNotCome || msg instanceof LastHttpContent;
        ReferenceCountUtil.release(msg);
        String body = "{\"error\":{\"code\":\"PayloadTooLarge\",\"message\":\"request body exceeds the limit of "
                + limit + " bytes\"}}";
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, Response.JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, "close");
        var written = ctx.writeAndFlush(response);
        if (complete) {
            written.addListener(ChannelFutureListener.CLOSE);
        } else {
            draining = true;
            drained = 0;
        }
    }

    private void drain(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpContent content) {
            drained += content.content().readableBytes();
        }
        boolean last = msg instanceof LastHttpContent;
        ReferenceCountUtil.release(msg);
        if (last || drained > MAX_DRAIN) {
            draining = false;
            ctx.close();
        }
    }
}
