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
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Hands each complete request to a new virtual thread and writes the route's answer back. Reading is
 * paused while a request of the connection is in flight, which keeps responses in order and gives
 * back-pressure: a client cannot pile requests into the server faster than they are served.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final Router router;

    RequestHandler(Router router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            writeAndResume(ctx, router.badRequest("malformed HTTP request: " + request.decoderResult().cause()),
                    false);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        var method = request.method();
        var uri = request.uri();
        var headers = request.headers();
        ctx.channel().config().setAutoRead(false);
        Thread.ofVirtual().start(() -> writeAndResume(ctx, router.serve(method, uri, headers, body), keepAlive));
    }

    private static void writeAndResume(ChannelHandlerContext ctx, Response r, boolean keepAlive) {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), Unpooled.wrappedBuffer(r.body()));
        var h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        r.headers().forEach(h::set);
        if (keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response).addListener(f -> ctx.channel().config().setAutoRead(true));
        } else {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
