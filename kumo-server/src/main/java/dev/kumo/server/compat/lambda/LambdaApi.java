package dev.kumo.server.compat.lambda;

import dev.kumo.async.AsyncRuntime;
import dev.kumo.runtime.Dispatcher;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import dev.kumo.server.http.Router.RouteHandler;
import dev.kumo.server.routes.Deployer;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.time.InstantSource;
import java.util.Optional;

/**
 * AWS Lambda's API under {@link #PREFIX} on Kumo's port: wires the invoke, function, version and alias routes
 * and decides their body limits (an invocation's payload and a package upload have different ones) and the shape
 * of a 413.
 */
public final class LambdaApi {

    /** The path prefix of Lambda's API version. */
    public static final String PREFIX = "/2015-03-31";
    /** Largest body of CreateFunction and UpdateFunctionCode: a 50 MB package in base64, with room for the JSON. */
    public static final long MAX_CODE_REQUEST_BYTES = 70L * 1024 * 1024;
    /** Largest body of the other management calls. */
    static final long MAX_REQUEST_BYTES = 1024 * 1024;

    /**
     * The limits the routes enforce.
     *
     * @param maxSyncPayloadBytes  largest {@code RequestResponse} payload (Lambda: 6 MB)
     * @param maxAsyncPayloadBytes largest {@code Event} payload (Kumo's asynchronous limit)
     * @param maxCodeBytes         largest package once decoded
     */
    public record Limits(long maxSyncPayloadBytes, long maxAsyncPayloadBytes, long maxCodeBytes) {
    }

    private final JsonCodec json;
    private final Limits limits;
    private final LambdaInvokeRoutes invoke;
    private final LambdaFunctionRoutes functions;
    private final LambdaVersionRoutes versions;

    /**
     * Creates the routes over Kumo's components.
     *
     * @param store      functions, versions, aliases, activations and code
     * @param deployer   creates and updates {@code $LATEST}
     * @param dispatcher runs synchronous invocations
     * @param async      accepts {@code Event} invocations
     * @param json       the gateway's JSON codec
     * @param clock      time source
     * @param limits     body limits
     */
    public LambdaApi(Store store, Deployer deployer, Dispatcher dispatcher, AsyncRuntime async, JsonCodec json,
                     InstantSource clock, Limits limits) {
        this.json = json;
        this.limits = limits;
        this.invoke = new LambdaInvokeRoutes(dispatcher, async, store.activations(), json, clock,
                limits.maxAsyncPayloadBytes());
        this.functions = new LambdaFunctionRoutes(store, deployer, json, clock, dispatcher::retire,
                limits.maxCodeBytes());
        this.versions = new LambdaVersionRoutes(store, json, clock);
    }

    /** Registers the routes. */
    public void register(Router router) {
        String fn = PREFIX + "/functions/{FunctionName}";
        add(router, HttpMethod.POST, fn + "/invocations", invoke::invoke);
        add(router, HttpMethod.POST, PREFIX + "/functions", functions::create);
        add(router, HttpMethod.GET, PREFIX + "/functions", functions::list);
        add(router, HttpMethod.GET, fn, functions::get);
        add(router, HttpMethod.DELETE, fn, functions::delete);
        add(router, HttpMethod.GET, fn + "/configuration", functions::configuration);
        add(router, HttpMethod.PUT, fn + "/configuration", functions::updateConfiguration);
        add(router, HttpMethod.PUT, fn + "/code", functions::updateCode);
        add(router, HttpMethod.GET, fn + "/code", functions::code);
        add(router, HttpMethod.POST, fn + "/versions", versions::publish);
        add(router, HttpMethod.GET, fn + "/versions", versions::listVersions);
        add(router, HttpMethod.POST, fn + "/aliases", versions::createAlias);
        add(router, HttpMethod.GET, fn + "/aliases", versions::listAliases);
        add(router, HttpMethod.GET, fn + "/aliases/{Name}", versions::getAlias);
        add(router, HttpMethod.PUT, fn + "/aliases/{Name}", versions::updateAlias);
        add(router, HttpMethod.DELETE, fn + "/aliases/{Name}", versions::deleteAlias);
        router.errorShape(PREFIX, e -> LambdaErrors.render(json, e));
    }

    private void add(Router router, HttpMethod method, String pattern, RouteHandler route) {
        router.add(method, pattern, LambdaErrors.guard(json, route));
    }

    /** Whether a request line's target lies under {@link #PREFIX}. */
    public static boolean owns(String uri) {
        return uri.equals(PREFIX) || uri.startsWith(PREFIX + "/") || uri.startsWith(PREFIX + "?");
    }

    /**
     * The body limit of a request under {@link #PREFIX}, from its line and headers: the synchronous or
     * asynchronous payload limit for an invocation, {@link #MAX_CODE_REQUEST_BYTES} for CreateFunction and
     * UpdateFunctionCode, {@link #MAX_REQUEST_BYTES} otherwise.
     */
    public long bodyLimit(HttpRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/invocations")) {
            return LambdaInvokeRoutes.eventRequested(Optional.ofNullable(
                    request.headers().get(LambdaInvokeRoutes.INVOCATION_TYPE)))
                    ? limits.maxAsyncPayloadBytes() : limits.maxSyncPayloadBytes();
        }
        boolean create = request.method().equals(HttpMethod.POST) && path.equals(PREFIX + "/functions");
        boolean code = request.method().equals(HttpMethod.PUT) && path.endsWith("/code");
        return create || code ? MAX_CODE_REQUEST_BYTES : MAX_REQUEST_BYTES;
    }

    /** The 413 a body over {@code limit} gets: RequestTooLargeException. */
    public Response tooLarge(long limit) {
        return LambdaErrors.render(json, LambdaErrors.tooLarge("Request must be smaller than " + limit
                + " bytes for this operation"));
    }
}
