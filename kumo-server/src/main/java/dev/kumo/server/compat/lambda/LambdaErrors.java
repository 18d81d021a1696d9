package dev.kumo.server.compat.lambda;

import dev.kumo.core.ConflictException;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.LimitExceededException;
import dev.kumo.core.NotFoundException;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router.RouteHandler;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Lambda's service errors: a JSON body {@code {"Type":"User","message":...}} and the error code in header
 * {@code x-amzn-ErrorType}, which is what the AWS SDKs map onto their exception classes. Routes throw
 * {@link ApiException}s whose code is the Lambda code; Kumo's own exceptions are translated by HTTP status.
 * Every answer, errors included, carries {@code x-amzn-RequestId}.
 */
final class LambdaErrors {

    /** Response header: the request id (for a synchronous invoke, the activation id). */
    static final String REQUEST_ID = "x-amzn-RequestId";
    /** Response header: the error code SDKs read. */
    static final String ERROR_TYPE = "x-amzn-ErrorType";

    static final String NOT_FOUND = "ResourceNotFoundException";
    static final String INVALID_PARAMETER = "InvalidParameterValueException";
    static final String INVALID_CONTENT = "InvalidRequestContentException";
    static final String CONFLICT = "ResourceConflictException";
    static final String TOO_LARGE = "RequestTooLargeException";
    static final String TOO_MANY = "TooManyRequestsException";

    private static final System.Logger LOG = System.getLogger(LambdaErrors.class.getName());

    private LambdaErrors() {
    }

    /** 404 ResourceNotFoundException. */
    static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, NOT_FOUND, message);
    }

    /** 400 InvalidParameterValueException. */
    static ApiException invalidParameter(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, INVALID_PARAMETER, message);
    }

    /** 409 ResourceConflictException. */
    static ApiException conflict(String message) {
        return new ApiException(HttpResponseStatus.CONFLICT, CONFLICT, message);
    }

    /** 413 RequestTooLargeException. */
    static ApiException tooLarge(String message) {
        return new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, TOO_LARGE, message);
    }

    /**
     * Wraps a route: its exceptions become Lambda errors and its answer gets an {@code x-amzn-RequestId} (a new
     * one unless the route set it).
     */
    static RouteHandler guard(JsonCodec json, RouteHandler route) {
        return request -> {
            Response response;
            try {
                response = route.handle(request);
            } catch (Exception | StackOverflowError e) {
                response = render(json, translate(e, request));
            }
            return response.headers().containsKey(REQUEST_ID) ? response
                    : response.withHeaders(Map.of(REQUEST_ID, UUID.randomUUID().toString()));
        };
    }

    /** The Lambda answer to {@code e}, with a new request id. */
    static Response render(JsonCodec json, ApiException e) {
        String code = lambdaCode(e);
        var body = new LinkedHashMap<String, Object>();
        body.put("Type", e.status().code() >= 500 ? "Service" : "User");
        body.put("message", e.getMessage());
        var headers = new LinkedHashMap<String, String>(e.headers());
        if (code.equals(TOO_MANY) && headers.containsKey("Retry-After")) {
            body.put("retryAfterSeconds", headers.get("Retry-After"));
        }
        if (headers.containsKey("Reason")) {
            body.put("Reason", headers.remove("Reason"));
        }
        headers.put(ERROR_TYPE, code);
        headers.putIfAbsent(REQUEST_ID, UUID.randomUUID().toString());
        return new Response(e.status(), Response.JSON, headers, json.write(body));
    }

    /** Kumo's exceptions as {@link ApiException}s; anything unexpected is a logged 500 ServiceException. */
    static ApiException translate(Throwable e, Request request) {
        return switch (e) {
            case ApiException a -> a;
            case InvalidRequestException i -> invalidParameter(i.getMessage());
            case ConflictException c -> conflict(c.getMessage());
            case NotFoundException n -> notFound(n.getMessage());
            case NoSuchElementException n -> notFound(n.getMessage());
            case LimitExceededException l -> ApiException.tooManyRequests(l.getMessage(), l.retryAfter());
            default -> {
                LOG.log(System.Logger.Level.ERROR, "Lambda route " + request.method() + " " + request.path()
                        + " failed", e);
                yield new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR, "ServiceException",
                        "internal error: " + e.getClass().getSimpleName());
            }
        };
    }

    /** The code of a Lambda-coded exception as is; Kumo's codes by HTTP status. */
    private static String lambdaCode(ApiException e) {
        if (e.code().endsWith("Exception")) {
            return e.code();
        }
        return switch (e.status().code()) {
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 412 -> "PreconditionFailedException";
            case 413 -> TOO_LARGE;
            case 415 -> "UnsupportedMediaTypeException";
            case 429 -> TOO_MANY;
            default -> e.status().code() >= 500 ? "ServiceException" : INVALID_PARAMETER;
        };
    }
}
