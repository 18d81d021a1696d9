package dev.kumo.server.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.Alias;
import dev.kumo.core.AsyncConfig;
import dev.kumo.core.Attempt;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Page;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of the REST API, as documented in {@code docs/reference/openapi.yaml}. */
public final class Views {

    private Views() {
    }

    /** A function version. */
    public record FunctionView(String name, String version, String handler, String runtime, int memoryMb,
                               long timeoutMs, int concurrency, int maxInstances, String tier,
                               Map<String, String> env, String description, AsyncView async, String codeSha256,
                               long codeSize, String modified, long revision, String network) {

        static FunctionView of(FunctionVersion v) {
            var c = v.config();
            return new FunctionView(v.function(), v.version(), c.handler(), c.runtime(), c.memoryMb(), c.timeoutMs(),
                    c.concurrency(), c.maxInstances(), c.tier().wireName(), c.env(), c.description(),
                    AsyncView.of(c.async()), v.code().sha256(), v.code().size(), v.modified().toString(),
                    v.revision(), c.network());
        }
    }

    /** A function's asynchronous settings; destinations only when set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AsyncView(int maxRetries, int maxEventAgeSeconds, String onSuccess, String onFailure) {

        static AsyncView of(AsyncConfig a) {
            return new AsyncView(a.maxRetries(), a.maxEventAgeSeconds(), a.onSuccess().orElse(null),
                    a.onFailure().orElse(null));
        }
    }

    /** An alias. */
    public record AliasView(String function, String name, String version,
                            Map<String, Double> additionalVersionWeights, String description, String modified) {

        static AliasView of(Alias a) {
            return new AliasView(a.function(), a.name(), a.version(), a.additionalVersionWeights(), a.description(),
                    a.modified().toString());
        }
    }

    /** An activation; {@code result} is embedded as raw JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActivationView(String activationId, String function, String version, String status,
                                 boolean coldStart, String start, double durationMs, double initMs, double queueMs,
                                 int memoryMb, long inputBytes, long outputBytes,
                                 @JsonRawValue String result, ErrorInfo error, List<String> logs, int attempt,
                                 List<AttemptView> attempts, String parentId) {

        static ActivationView of(Activation a) {
            return new ActivationView(a.id().value(), a.function(), a.version(), a.status().wireName(), a.coldStart(),
                    a.start().toString(), a.durationMs(), a.initMs(), a.queueMs(), a.memoryMb(), a.inputBytes(),
                    a.outputBytes(), a.result().orElse(null), a.error().orElse(null), a.logs(), a.attempt(),
                    a.attempts().stream().map(AttemptView::of).toList(),
                    a.parentId().map(ActivationId::value).orElse(null));
        }
    }

    /**
     * One node of {@code GET /v1/activations/{id}/tree}: an activation without its logs and result, and the
     * calls it made to other functions, oldest first.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TreeView(String activationId, String function, String version, String status, boolean coldStart,
                           String start, double durationMs, String parentId, String errorType,
                           String errorMessage, List<TreeView> children) {

        static TreeView of(Activation a, List<TreeView> children) {
            return new TreeView(a.id().value(), a.function(), a.version(), a.status().wireName(), a.coldStart(),
                    a.start().toString(), a.durationMs(), a.parentId().map(ActivationId::value).orElse(null),
                    a.error().map(ErrorInfo::errorType).orElse(null), a.error().map(ErrorInfo::message).orElse(null),
                    children);
        }
    }

    /** One earlier attempt of an asynchronous invocation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(int attempt, String status, String start, double durationMs, ErrorInfo error,
                              List<String> logs) {

        static AttemptView of(Attempt a) {
            return new AttemptView(a.number(), a.status().wireName(), a.start().toString(), a.durationMs(),
                    a.error().orElse(null), a.logs());
        }
    }

    /** One page of a listing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PageView<T>(List<T> items, String nextToken) {

        static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
            return new PageView<>(page.items().stream().map(view).toList(), page.nextToken().orElse(null));
        }
    }
}
