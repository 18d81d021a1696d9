package dev.kumo.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The baseline for the HTTP benchmarks: a hello-world Netty 4.2 HTTP/1.1 server that answers every
 * request with 200 and a fixed small JSON body. It is set up like Kumo's gateway (one acceptor thread,
 * one event loop per core, epoll where available, the same codec limits, TCP_NODELAY) so that the ratio
 * measures what Kumo adds on top of Netty: routing, the virtual-thread hop, dispatch, the function call,
 * activation bookkeeping.
 */
final class RawNettyServer implements AutoCloseable {

    /** The body every request gets back. */
    static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final boolean epoll;

    private RawNettyServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel, boolean epoll) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
        this.epoll = epoll;
    }

    /** Binds to {@code 127.0.0.1:port} (0 for any free port) with one event loop per core. */
    static RawNettyServer start(int port) {
        return start(port, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** Binds to {@code 127.0.0.1:port} with the given number of worker event loops. */
    static RawNettyServer start(int port, int workerThreads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        var boss = new MultiThreadIoEventLoopGroup(1, io);
        var workers = new MultiThreadIoEventLoopGroup(workerThreads, io);
        var handler = new FixedResponse();
        try {
            Channel channel = new ServerBootstrap().group(boss, workers).channel(type)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec(8192, 64 * 1024, 64 * 1024))
                                    .addLast(new HttpObjectAggregator(1024 * 1024))
                                    .addLast(handler);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            return new RawNettyServer(boss, workers, channel, epoll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw new IllegalStateException("interrupted while binding the raw server", e);
        }
    }

    /** The bound port. */
    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Which transport is in use, for the report. */
    String transport() {
        return epoll ? "epoll" : "nio";
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully().syncUninterruptibly();
        workers.shutdownGracefully().syncUninterruptibly();
    }

    /** Answers every request with {@link #BODY}, keeping the connection open when the client asks. */
    @ChannelHandler.Sharable
    private static final class FixedResponse extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(BODY));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
