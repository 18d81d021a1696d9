package dev.kumo.process;

import dev.kumo.core.ErrorInfo;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Runtime API of one worker: at most one event waiting ({@link #submit}) or handed out, and at most one
 * {@code /next} poll parked until an event comes. A poll parks without a server-side timeout; when its
 * connection closes while parked, the next event waits for the next poll instead of vanishing into the closed
 * socket (a hand-off whose write fails is queued again). The first poll marks the end of the worker's
 * initialization ({@link #initialized()}); {@code /init/error} fails it ({@link #initError()}).
 *
 * <p>State is guarded by the endpoint's monitor; Netty writes happen outside it.
 */
public final class RuntimeEndpoint implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private volatile String functionArn;
    private final Consumer<RuntimeEndpoint> onClose;
    private final CompletableFuture<Void> initialized = new CompletableFuture<>();
    private final CompletableFuture<ErrorInfo> initError = new CompletableFuture<>();
    private volatile Channel server;
    private Invocation waiting;
    private Invocation handedOut;
    private ChannelHandlerContext parked;

    RuntimeEndpoint(String functionArn, Consumer<RuntimeEndpoint> onClose) {
        this.functionArn = functionArn;
        this.onClose = onClose;
    }

    /**
     * Sets the ARN of the events handed out from now on: an endpoint opened for a pre-started generic worker gets
     * its function's when the worker takes one up.
     */
    void assign(String arn) {
        this.functionArn = arn;
    }

    void bound(Channel channel) {
        this.server = channel;
    }

    /** {@code host:port} as {@code AWS_LAMBDA_RUNTIME_API} spells it (no scheme). */
    public String hostPort() {
        var address = (InetSocketAddress) server.localAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Completes at the worker's first {@code /next}: its initialization is done. */
    public CompletableFuture<Void> initialized() {
        return initialized;
    }

    /** Completes when the worker posts {@code /init/error}, with the error as posted. */
    public CompletableFuture<ErrorInfo> initError() {
        return initError;
    }

    /**
     * Queues {@code invocation} for the worker's next poll (or hands it to the parked one at once).
     *
     * @return the worker's reply
     * @throws IllegalStateException when another event is waiting or in flight: a worker runs one at a time
     */
    CompletableFuture<WorkerReply> submit(Invocation invocation) {
        ChannelHandlerContext poll;
        synchronized (this) {
            if (waiting != null || handedOut != null) {
                throw new IllegalStateException("worker already has an event");
            }
            poll = parked;
            parked = null;
            if (poll == null) {
                waiting = invocation;
            } else {
                handedOut = invocation;
            }
        }
        if (poll != null) {
            deliver(poll, invocation);
        }
        return invocation.reply();
    }

    /** Forgets the current event (its worker is gone or past its deadline); a late reply gets a 400. */
    synchronized void abandon() {
        waiting = null;
        handedOut = null;
    }

    private void deliver(ChannelHandlerContext ctx, Invocation inv) {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(inv.payload()));
        response.headers()
                .set("Content-Type", HttpHeaderValues.APPLICATION_JSON)
                .setInt("Content-Length", inv.payload().length)
                .set("Lambda-Runtime-Aws-Request-Id", inv.requestId())
                .set("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineMs()))
                .set("Lambda-Runtime-Invoked-Function-Arn", functionArn)
                .set("Lambda-Runtime-Trace-Id", inv.traceId());
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                requeue(inv); // the poller went away between parking and the hand-off
            }
        });
    }

    private void requeue(Invocation inv) {
        ChannelHandlerContext poll;
        synchronized (this) {
            if (handedOut != inv) {
                return;
            }
            handedOut = null;
            poll = parked;
            parked = null;
            if (poll == null) {
                waiting = inv;
            } else {
                handedOut = inv;
            }
        }
        if (poll != null) {
            deliver(poll, inv);
        }
    }

    private void next(ChannelHandlerContext ctx) {
        initialized.complete(null);
        Invocation inv;
        synchronized (this) {
            inv = waiting;
            if (inv == null) {
                parked = ctx;
                return;
            }
            waiting = null;
            handedOut = inv;
        }
        deliver(ctx, inv);
    }

    private synchronized void disconnected(ChannelHandlerContext ctx) {
        if (parked == ctx) {
            parked = null;
        }
    }

    /** Whether a {@code /next} poll is parked here now. */
    synchronized boolean hasParkedPoll() {
        return parked != null;
    }

    private synchronized Invocation take(String requestId) {
        if (handedOut == null || !handedOut.requestId().equals(requestId)) {
            return null;
        }
        Invocation inv = handedOut;
        handedOut = null;
        return inv;
    }

    /** Stops listening and drops parked polls; the reply of an event in flight stays open. */
    @Override
    public void close() {
        Channel channel = server;
        ChannelHandlerContext poll;
        synchronized (this) {
            poll = parked;
            parked = null;
        }
        if (poll != null) {
            poll.close();
        }
        if (channel != null) {
            channel.close();
        }
        onClose.accept(this);
    }

    HttpObjectAggregator aggregator(int maxBytes) {
        return new HttpObjectAggregator(maxBytes) {
            @Override
            protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
                String uri = oversized instanceof HttpRequest r ? r.uri() : "";
                long size = HttpUtil.getContentLength(oversized, -1L);
                String id = requestIdOf(uri, "/response");
                if (id != null) {
                    Invocation inv = take(id);
                    if (inv != null) {
                        inv.reply().complete(new WorkerReply.TooLarge(size));
                    }
                }
                // the connection stays open: the aggregator discards the rest of the body as it arrives, and a
                // client still sending it would otherwise see a reset instead of this answer
                respond(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, error("RequestEntityTooLarge",
                        "request body exceeds the limit of " + maxBytes + " bytes"), true);
            }
        };
    }

    ChannelHandler handler() {
        return new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                route(ctx, request);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                disconnected(ctx);
                super.channelInactive(ctx);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        };
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, error("InvalidRequest", "malformed request: "
                    + request.decoderResult().cause()), false);
            return;
        }
        String path = request.uri();
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        HttpMethod method = request.method();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (path.equals(PREFIX + "invocation/next")) {
            if (method.equals(HttpMethod.GET)) {
                next(ctx);
            } else {
                respond(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, error("MethodNotAllowed", "use GET"), keepAlive);
            }
            return;
        }
        if (!method.equals(HttpMethod.POST)) {
            respond(ctx, path.startsWith(PREFIX) ? HttpResponseStatus.METHOD_NOT_ALLOWED
                    : HttpResponseStatus.NOT_FOUND, error("InvalidRequest", method + " " + path
                    + " is not part of the Runtime API"), keepAlive);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        if (path.equals(PREFIX + "init/error")) {
            initError.complete(errorInfo(body, request.headers().get("Lambda-Runtime-Function-Error-Type")));
            respond(ctx, HttpResponseStatus.ACCEPTED, status(), keepAlive);
            return;
        }
        String responseId = requestIdOf(path, "/response");
        String errorId = requestIdOf(path, "/error");
        if (responseId == null && errorId == null) {
            respond(ctx, HttpResponseStatus.NOT_FOUND, error("InvalidRequest", "POST " + path
                    + " is not part of the Runtime API"), keepAlive);
            return;
        }
        String id = responseId != null ? responseId : errorId;
        Invocation inv = take(id);
        if (inv == null) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, error("InvalidRequestID",
                    "request id " + id + " is not in flight on this worker"), keepAlive);
            return;
        }
        inv.reply().complete(responseId != null ? new WorkerReply.Response(body)
                : new WorkerReply.Error(errorInfo(body, request.headers().get("Lambda-Runtime-Function-Error-Type"))));
        respond(ctx, HttpResponseStatus.ACCEPTED, status(), keepAlive);
    }

    /** The request id in {@code /2018-06-01/runtime/invocation/{id}<suffix>}, or null. */
    private static String requestIdOf(String path, String suffix) {
        String start = PREFIX + "invocation/";
        if (!path.startsWith(start) || !path.endsWith(suffix)) {
            return null;
        }
        String id = path.substring(start.length(), path.length() - suffix.length());
        return id.isEmpty() || id.contains("/") ? null : id;
    }

    /**
     * The error a runtime posted: {@code errorType}, {@code errorMessage} and {@code stackTrace} of its JSON
     * body, kept as posted. A body that is not such a JSON object becomes the message, with the
     * {@code Lambda-Runtime-Function-Error-Type} header (or {@code Runtime.Unknown}) as the type.
     */
    static ErrorInfo errorInfo(byte[] body, String typeHeader) {
        String fallbackType = typeHeader == null || typeHeader.isBlank() ? "Runtime.Unknown" : typeHeader;
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (RuntimeException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return new ErrorInfo(fallbackType, new String(body, StandardCharsets.UTF_8), List.of());
        }
        JsonNode type = node.get("errorType");
        JsonNode message = node.get("errorMessage");
        var frames = new ArrayList<String>();
        JsonNode trace = node.get("stackTrace");
        if (trace != null && trace.isArray()) {
            trace.forEach(f -> frames.add(f.isString() ? f.asString() : f.toString()));
        } else if (trace != null && trace.isString()) {
            frames.addAll(List.of(trace.asString().split("\n")));
        }
        return new ErrorInfo(type != null && type.isString() ? type.asString() : fallbackType,
                message == null || message.isNull() ? "" : message.isString() ? message.asString() : message.toString(),
                frames);
    }

    private static byte[] status() {
        return "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(String type, String message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("errorMessage", message);
        node.put("errorType", type);
        return JSON.writeValueAsBytes(node);
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set("Content-Type", HttpHeaderValues.APPLICATION_JSON)
                .setInt("Content-Length", body.length);
        if (!keepAlive) {
            response.headers().set("Connection", HttpHeaderValues.CLOSE);
        }
        var write = ctx.writeAndFlush(response);
        if (!keepAlive) {
            write.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
