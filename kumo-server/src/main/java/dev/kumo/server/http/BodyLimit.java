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
 * see a broken pipe instead of the 413. The 413 body is Kumo's error shape unless a {@link TooLarge} renders
 * another (the Lambda routes answer in Lambda's).
 */
final class BodyLimit extends ChannelInboundHandlerAdapter {

    /** Renders the 413 answer to a request whose body exceeds {@code limit}. */
    @FunctionalInterface
    interface TooLarge {
        /** Kumo's own error shape. */
        TooLarge KUMO = (request, limit) -> Response.json(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                ("{\"error\":{\"code\":\"PayloadTooLarge\",\"message\":\"request body exceeds the limit of "
                        + limit + " bytes\"}}").getBytes(StandardCharsets.UTF_8));

        /** The 413 response; its status is forced to 413. */
        Response answer(HttpRequest request, long limit);
    }

    static final long MAX_DRAIN = 16L * 1024 * 1024;

    private final ToLongFunction<HttpRequest> limitFor;
    private final TooLarge tooLarge;
    private HttpRequest request;
    private long limit;
    private long seen;
    private boolean draining;
    private long drained;

    BodyLimit(ToLongFunction<HttpRequest> limitFor) {
        this(limitFor, TooLarge.KUMO);
    }

    BodyLimit(ToLongFunction<HttpRequest> limitFor, TooLarge tooLarge) {
        this.limitFor = limitFor;
        this.tooLarge = tooLarge;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (draining) {
            drain(ctx, msg);
            return;
        }
        if (msg instanceof HttpRequest head) {
            request = head;
            limit = limitFor.applyAsLong(head);
            seen = 0;
            if (HttpUtil.getContentLength(head, -1L) > limit) {
                // A client waiting for "100 Continue" has sent no body: answer and close.
                reject(ctx, msg, HttpUtil.is100ContinueExpected(head));
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
        Response answer = tooLarge.answer(request, limit);
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                Unpooled.wrappedBuffer(answer.body()));
        answer.headers().forEach(response.headers()::set);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
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
