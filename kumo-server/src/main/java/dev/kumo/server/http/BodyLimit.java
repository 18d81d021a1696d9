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
 * limit is answered 413 at once; a chunked body is counted and cut off when it crosses the limit. Either
 * way the connection is closed afterwards, because the rest of the body is never read.
 */
final class BodyLimit extends ChannelInboundHandlerAdapter {

    private final ToLongFunction<HttpRequest> limitFor;
    private long limit;
    private long seen;
    private boolean discarding;

    BodyLimit(ToLongFunction<HttpRequest> limitFor) {
        this.limitFor = limitFor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            limit = limitFor.applyAsLong(request);
            seen = 0;
            long declared = HttpUtil.getContentLength(request, -1L);
            if (declared > limit) {
                reject(ctx, msg);
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            seen += content.content().readableBytes();
            if (seen > limit) {
                reject(ctx, msg);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void reject(ChannelHandlerContext ctx, Object msg) {
        discarding = !(msg instanceof LastHttpContent);
        ReferenceCountUtil.release(msg);
        String body = "{\"error\":{\"code\":\"PayloadTooLarge\",\"message\":\"request body exceeds the limit of "
                + limit + " bytes\"}}";
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, Response.JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
