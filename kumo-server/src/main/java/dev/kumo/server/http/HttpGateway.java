package dev.kumo.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/**
 * The Netty server: one acceptor thread, one event loop per core (epoll where available), HTTP/1.1 with
 * keep-alive. Event loops only parse and write; every route runs on a virtual thread.
 */
public final class HttpGateway implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private HttpGateway(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    /**
     * Binds and starts serving.
     *
     * @param host       address to bind
     * @param port       port, 0 for any free one
     * @param router     the routes
     * @param limitFor   body limit in bytes for a request, decided from its line and headers
     * @param maxBody    the largest body any route accepts (sizes the aggregation buffer)
     */
    public static HttpGateway start(String host, int port, Router router, ToLongFunction<HttpRequest> limitFor,
                                    long maxBody) {
        return start(host, port, router, limitFor, BodyLimit.TooLarge.KUMO::answer, maxBody);
    }

    /**
     * Binds and starts serving; a body over its limit is answered with {@code tooLarge}'s response (status 413,
     * connection closed), given the request line and headers and the limit.
     */
    public static HttpGateway start(String host, int port, Router router, ToLongFunction<HttpRequest> limitFor,
                                    BiFunction<HttpRequest, Long, Response> tooLarge, long maxBody) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        var boss = new MultiThreadIoEventLoopGroup(1, io);
        var workers = new MultiThreadIoEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()), io);
        try {
            var bootstrap = new ServerBootstrap().group(boss, workers).channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec(8192, 64 * 1024, 64 * 1024))
                                    .addLast(new BodyLimit(limitFor, tooLarge::apply))
                                    .addLast(new HttpObjectAggregator((int) Math.min(Integer.MAX_VALUE, maxBody)))
                                    .addLast(new RequestHandler(router));
                        }
                    });
            Channel channel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
            return new HttpGateway(boss, workers, channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
        } catch (Exception e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Kumo's own 413 answer to a body over {@code limit}. */
    public static Response tooLarge(long limit) {
        return BodyLimit.TooLarge.KUMO.answer(null, limit);
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
