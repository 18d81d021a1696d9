package dev.kumo.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's JSON mapper: strict on input (unknown fields, wrong types and trailing tokens are 400s
 * naming the field), compact on output.
 */
public final class JsonCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The underlying mapper, for streaming checks. */
    public JsonMapper mapper() {
        return mapper;
    }

    /** Serializes a value. */
    public byte[] write(Object value) {
        return mapper.writeValueAsBytes(value);
    }

    /** Parses a request body, turning every mapping problem into a 400 that names the field. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("", "request body is empty; expected a JSON object");
        }
        try {
            return mapper.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(e.getPropertyName(), "unknown field '" + e.getPropertyName() + "'");
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "" : fieldPath(e);
            throw ApiException.badRequest(field, "invalid value" + (field.isEmpty() ? "" : " for '" + field + "'")
                    + ": " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw ApiException.badRequest("", "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * What keeps {@code body} from being one well-formed JSON value (an empty body counts as {@code null}), or
     * empty when it is one. Every body that becomes a function's input passes this check; each API renders the
     * problem in its own error shape.
     */
    public Optional<NotOneValue> singleValueProblem(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try (var parser = mapper.createParser(body)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            parser.skipChildren();
            return parser.nextToken() == null ? Optional.empty()
                    : Optional.of(new NotOneValue(true, "trailing content after the JSON value"));
        } catch (JacksonException e) {
            return Optional.of(new NotOneValue(false, e.getOriginalMessage()));
        }
    }

    /**
     * Why a body is not one JSON value.
     *
     * @param trailing whether it is a well-formed value followed by more content (otherwise it is malformed)
     * @param detail   what the parser said
     */
    public record NotOneValue(boolean trailing, String detail) {
    }

    /** Renders the error body every non-2xx answer carries. */
    public Response error(ApiException e) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (!e.field().isEmpty()) {
            error.put("field", e.field());
        }
        return new Response(e.status(), Response.JSON, e.headers(), write(Map.of("error", error)));
    }

    /** Renders an error with extra top-level fields inside {@code error} (function errors). */
    public Response error(HttpResponseStatus status, Map<String, Object> error, Map<String, String> headers) {
        return new Response(status, Response.JSON, headers, write(Map.of("error", error)));
    }

    private static String fieldPath(MismatchedInputException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
