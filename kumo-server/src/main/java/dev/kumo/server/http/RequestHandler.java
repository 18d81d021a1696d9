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
import java.lang.invoke.MethodHandles;
import java.net.InetSocketAddress;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Hands each complete request to a new virtual thread and writes the route's answer back: the response
 * the route returns or the one it gave early through {@link Request#respond(Response)}, whichever comes
 * first, exactly once. One request per connection is served at a time, so responses keep the order of
 * pipelined requests; the next one is served once the answer is written, even while the route that gave
 * it early still runs. The few a client pipelines meanwhile wait here (bounded: past
 * {@link #MAX_PIPELINED} reading pauses until the queue drains). All fields are touched on the channel's
 * event loop only.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final int MAX_PIPELINED = 16;
    private static final ThreadFactory ROUTES = Thread.ofVirtual().factory();

    /** A request copied out of Netty's buffers, ready to be served off the event loop. */
    private record Pending(HttpMethod method, String uri, HttpHeaders headers, byte[] body, boolean keepAlive,
                           String sourceIp) {
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
                ByteBufUtil.getBytes(request.content()), HttpUtil.isKeepAlive(request), sourceIp(ctx));
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
        var answer = new Answer(this, ctx, p.keepAlive());
        ROUTES.newThread(() -> answer.accept(router.serve(p.method(), p.uri(), p.headers(), p.body(), answer,
                p.sourceIp()))).start();
    }

    private static String sourceIp(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : "";
    }

    /** The one answer to a request: the first response offered is written, later ones are dropped. */
    private static final class Answer implements Consumer<Response> {

        private static final VarHandle GIVEN;

        static {
            try {
                GIVEN = MethodHandles.lookup().findVarHandle(Answer.class, "given", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final RequestHandler handler;
        private final ChannelHandlerContext ctx;
        private final boolean keepAlive;
        @SuppressWarnings("unused") // accessed through GIVEN
        private volatile boolean given;

        Answer(RequestHandler handler, ChannelHandlerContext ctx, boolean keepAlive) {
            this.handler = handler;
            this.ctx = ctx;
            this.keepAlive = keepAlive;
        }

        @Override
        public void accept(Response response) {
            if (GIVEN.compareAndSet(this, false, true)) {
                handler.write(ctx, response, keepAlive);
            }
        }
    }

    private void write(ChannelHandlerContext ctx, Response r, boolean keepAlive) {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), Unpooled.wrappedBuffer(r.body()));
        var h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        r.headers().forEach(h::set);
        r.cookies().forEach(cookie -> h.add(HttpHeaderNames.SET_COOKIE, cookie));
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
