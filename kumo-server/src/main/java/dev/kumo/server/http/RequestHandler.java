package dev.kumo.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;

/**
 * Hands each complete request to a new virtual thread and writes the route's answer back. One request
 * per connection is served at a time, so responses keep the order of pipelined requests; the few a
 * client pipelines meanwhile wait here (bounded: past {@link #MAX_PIPELINED} reading pauses until the
 * queue drains). All fields are touched on the channel's event loop only.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final int MAX_PIPELINED = 16;

    /** A request copied out of Netty's buffers, ready to be served off the event loop. */
    private record Pending(HttpMethod method, String uri, HttpHeaders headers, byte[] body, boolean keepAlive) {
    }

    private final Router router;
    private final ArrayDeque<Pending> pipelined = new ArrayDeque<>();
    private boolean serving;

    RequestHandler(Router router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            write(ctx, router.badRequest("malformed HTTP request: " + request.decoderResult().cause()), false);
            return;
        }
        var pending = new Pending(request.method(), request.uri(), request.headers(),
                ByteBufUtil.getBytes(request.content()), HttpUtil.isKeepAlive(request));
        if (serving) {
            pipelined.add(pending);
            if (pipelined.size() >= MAX_PIPELINED) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        serve(ctx, pending);
    }

    private void serve(ChannelHandlerContext ctx, Pending p) {
        serving = true;
        Thread.ofVirtual().start(() -> write(ctx, router.serve(p.method(), p.uri(), p.headers(), p.body()),
                p.keepAlive()));
    }

    private void write(ChannelHandlerContext ctx, Response r, boolean keepAlive) {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), Unpooled.wrappedBuffer(r.body()));
        var h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        r.headers().forEach(h::set);
        if (keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response).addListener(f -> next(ctx));
        } else {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Runs on the event loop once a response is written: serve the next pipelined request, if any. */
    private void next(ChannelHandlerContext ctx) {
        serving = false;
        var p = pipelined.poll();
        if (p != null) {
            if (pipelined.size() < MAX_PIPELINED && !ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            serve(ctx, p);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
