package dev.kumo.client;

import dev.kumo.client.internal.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one synchronous invocation: the function's output (status 2xx) or its failure, a thrown exception
 * (502 {@code FunctionError}) or a timeout (504 {@code Timeout}). Rejections and request errors are not responses;
 * they raise {@link KumoApiException}.
 *
 * @param status       HTTP status: 2xx, 502 or 504
 * @param activationId the {@code Kumo-Activation-Id} header; empty text when the server sent none
 * @param version      the {@code Kumo-Version} header, the version that ran; empty text when the server sent none
 * @param coldStart    the {@code Kumo-Cold-Start} header
 * @param body         the output JSON, or the error JSON for failures; never shared with the caller
 */
public record InvokeResponse(int status, String activationId, String version, boolean coldStart, byte[] body) {

    /** Copies the body and rejects nulls. */
    public InvokeResponse {
        Objects.requireNonNull(activationId, "activationId");
        Objects.requireNonNull(version, "version");
        body = body.clone();
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the function returned normally (status 2xx). */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** Whether the function ran past its timeout (status 504). */
    public boolean timedOut() {
        return status == 504;
    }

    /**
     * The function's error as carried by a 502 or 504 body; empty for a success. A body that cannot be read still
     * yields an error, typed by the status.
     */
    public Optional<ActivationError> functionError() {
        return succeeded() ? Optional.empty() : Optional.of(Wire.functionError(status, body));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvokeResponse that && status == that.status && coldStart == that.coldStart
                && activationId.equals(that.activationId) && version.equals(that.version)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, activationId, version, coldStart, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "InvokeResponse[status=" + status + ", activationId=" + activationId + ", version=" + version
                + ", coldStart=" + coldStart + ", body=" + body.length + " bytes]";
    }
}
