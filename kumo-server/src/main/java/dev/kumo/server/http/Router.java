package dev.kumo.server.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps method + path to a route. Patterns are literal segments and {@code {name}} parameters. A path that
 * matches with another method is a 405 listing the allowed ones; anything else is a JSON 404. One prefix
 * (the function URLs' {@code /fn}) may take every method and every path below it.
 */
public final class Router {

    /** Serves one request on a virtual thread; may block. */
    @FunctionalInterface
    public interface RouteHandler {
        /** Answers the request; throws {@link ApiException} for client errors. */
        Response handle(Request request) throws Exception;
    }

    /**
     * A registered route.
     *
     * @param method   HTTP method
     * @param pattern  path pattern such as {@code /v1/functions/{name}}
     * @param segments the pattern split on {@code /}
     * @param handler  what serves it
     */
    public record Route(HttpMethod method, String pattern, String[] segments, RouteHandler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final JsonCodec json;
    private String prefix;
    private RouteHandler prefixHandler;
    private final Map<String, Function<ApiException, Response>> errorShapes = new LinkedHashMap<>();
    private final System.Logger log = System.getLogger(Router.class.getName());

    /** Creates an empty router rendering errors with {@code json}. */
    public Router(JsonCodec json) {
        this.json = json;
    }

    /** Adds a route; earlier routes win. */
    public Router add(HttpMethod method, String pattern, RouteHandler handler) {
        if (prefix != null && under(pattern, prefix)) {
            throw new IllegalArgumentException("route " + pattern + " lies under prefix " + prefix);
        }
        routes.add(new Route(method, pattern, split(pattern), handler));
        return this;
    }

    /**
     * Sends every request whose path is {@code prefix} or lies below it to {@code handler}, whatever its
     * method, before the routes are consulted. The prefix must not shadow a route.
     */
    public Router prefix(String newPrefix, RouteHandler handler) {
        if (!newPrefix.startsWith("/") || newPrefix.endsWith("/") || newPrefix.length() < 2) {
            throw new IllegalArgumentException("prefix must look like /fn, got '" + newPrefix + "'");
        }
        for (var route : routes) {
            if (under(route.pattern(), newPrefix)) {
                throw new IllegalArgumentException("prefix " + newPrefix + " shadows route " + route.pattern());
            }
        }
        this.prefix = newPrefix;
        this.prefixHandler = handler;
        return this;
    }

    /**
     * Renders the router's own errors (no route, wrong method) for paths under {@code pathPrefix} with
     * {@code render} instead of Kumo's error shape: a compatible API answers in its own.
     */
    public Router errorShape(String pathPrefix, Function<ApiException, Response> render) {
        errorShapes.put(pathPrefix, render);
        return this;
    }

    /** The registered routes, for documentation checks. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Routes and serves a request whose route cannot answer early (its early answers are dropped), never
     * throwing: every failure becomes a JSON error response.
     */
    public Response serve(HttpMethod method, String uri, HttpHeaders headers, byte[] body) {
        return serve(method, uri, headers, body, response -> {
        });
    }

    /**
     * Routes and serves a request, never throwing: every failure becomes a JSON error response.
     *
     * @param respond where the route's early answer goes ({@link Request#respond(Response)}); the caller
     *                writes at most one of it and the returned response
     */
    public Response serve(HttpMethod method, String uri, HttpHeaders headers, byte[] body,
                          Consumer<Response> respond) {
        return serve(method, uri, headers, body, respond, "");
    }

    /**
     * Routes and serves a request from {@code sourceIp}, never throwing: every failure becomes a JSON error
     * response.
     */
    public Response serve(HttpMethod method, String uri, HttpHeaders headers, byte[] body,
                          Consumer<Response> respond, String sourceIp) {
        QueryStringDecoder decoder;
        try {
            decoder = new QueryStringDecoder(uri);
        } catch (IllegalArgumentException e) {
            return json.error(ApiException.badRequest("", "malformed request URI: " + e.getMessage()));
        }
        String path = decoder.path();
        if (prefix != null && under(path, prefix)) {
            return invoke(prefix, prefixHandler, new Request(method, path, Map.of(), decoder.parameters(), headers,
                    body, respond, uri, sourceIp));
        }
        String[] segments = split(path);
        TreeSet<String> allowed = null;
        for (var route : routes) {
            var params = match(route.segments(), segments);
            if (params == null) {
                continue;
            }
            if (!route.method().equals(method)) {
                if (allowed == null) {
                    allowed = new TreeSet<>();
                }
                allowed.add(route.method().name());
                continue;
            }
            return invoke(route.pattern(), route.handler(), new Request(method, path, params, decoder.parameters(),
                    headers, body, respond, uri, sourceIp));
        }
        if (allowed != null) {
            String allow = String.join(", ", allowed);
            return error(path, new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed", "",
                    method.name() + " is not allowed on " + path + "; allowed: " + allow, Map.of("Allow", allow)));
        }
        return error(path, ApiException.notFound("no route for " + method.name() + " " + path));
    }

    private Response error(String path, ApiException e) {
        for (var shape : errorShapes.entrySet()) {
            if (under(path, shape.getKey())) {
                return shape.getValue().apply(e);
            }
        }
        return json.error(e);
    }

    /** A 400 for requests that never reached a route (e.g. undecodable HTTP). */
    public Response badRequest(String message) {
        return json.error(ApiException.badRequest("", message));
    }

    private Response invoke(String pattern, RouteHandler handler, Request request) {
        try {
            return handler.handle(request);
        } catch (ApiException e) {
            return json.error(e);
        } catch (dev.kumo.core.InvalidRequestException e) {
            return json.error(ApiException.badRequest(e.field(), e.getMessage()));
        } catch (dev.kumo.core.ConflictException e) {
            return json.error(new ApiException(HttpResponseStatus.CONFLICT, "Conflict", e.getMessage()));
        } catch (dev.kumo.core.NotFoundException | java.util.NoSuchElementException e) {
            return json.error(ApiException.notFound(e.getMessage()));
        } catch (dev.kumo.core.LimitExceededException e) {
            return json.error(ApiException.tooManyRequests(e.getMessage(), e.retryAfter()));
        } catch (Exception | StackOverflowError e) {
            log.log(System.Logger.Level.ERROR, "route " + pattern + " failed", e);
            return json.error(new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError",
                    "internal error: " + e.getClass().getSimpleName()));
        }
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new HashMap<>(4);
                }
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    private static String[] split(String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return trimmed.split("/", -1);
    }

    @Override
    public String toString() {
        return routes.stream().map(r -> r.method() + " " + r.pattern()).collect(Collectors.joining("\n"));
    }
}
