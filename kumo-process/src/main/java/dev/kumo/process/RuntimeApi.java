package dev.kumo.process;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS Lambda Runtime API ({@code /2018-06-01/runtime/...}) that worker processes poll for their events.
 * Every worker gets an endpoint of its own ({@link #open}: its own port, so that who polls tells which process
 * runs an event; log attribution and kills at deadlines depend on that); all endpoints share one small Netty
 * event loop. An endpoint listens before its worker starts, so {@code AWS_LAMBDA_RUNTIME_API} is valid from the
 * first instruction the worker runs.
 *
 * <p>Requests carry headers up to {@value #MAX_HEADER_BYTES} bytes (runtimes post big X-Ray error causes in
 * headers); posted responses are limited to {@value #MAX_PAYLOAD_BYTES} bytes, as on Lambda.
 */
public final class RuntimeApi implements AutoCloseable {

    /** The largest request header block accepted: 1 MiB plus the request line. */
    public static final int MAX_HEADER_BYTES = 1024 * 1024 + 8192;
    /** The largest response (or error) body a worker may post: 6 MiB, Lambda's synchronous limit. */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    private final EventLoopGroup group;
    private final Set<RuntimeEndpoint> endpoints = ConcurrentHashMap.newKeySet();

    private RuntimeApi(EventLoopGroup group) {
        this.group = group;
    }

    /** Starts the event loop (one thread: workers are few and requests small). */
    public static RuntimeApi create() {
        return new RuntimeApi(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()));
    }

    /**
     * Opens an endpoint for one worker on an ephemeral port of {@code bind}.
     *
     * @param bind        the address to listen on: loopback, or the host side of a sandbox's network namespace
     * @param functionArn {@code Lambda-Runtime-Invoked-Function-Arn} of the events handed out here
     */
    public RuntimeEndpoint open(InetAddress bind, String functionArn) {
        var endpoint = new RuntimeEndpoint(functionArn, endpoints::remove);
        Channel channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 16)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec(new HttpDecoderConfig()
                                        .setMaxInitialLineLength(8192)
                                        .setMaxHeaderSize(MAX_HEADER_BYTES)
                                        .setMaxChunkSize(64 * 1024)))
                                .addLast(endpoint.aggregator(MAX_PAYLOAD_BYTES))
                                .addLast(endpoint.handler());
                    }
                })
                .bind(new InetSocketAddress(bind, 0))
                .syncUninterruptibly()
                .channel();
        endpoint.bound(channel);
        endpoints.add(endpoint);
        return endpoint;
    }

    /** Endpoints open now. */
    public int openEndpoints() {
        return endpoints.size();
    }

    /** Closes every endpoint and stops the event loop. */
    @Override
    public void close() {
        endpoints.forEach(RuntimeEndpoint::close);
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
