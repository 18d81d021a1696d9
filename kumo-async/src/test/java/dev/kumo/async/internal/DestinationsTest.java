package dev.kumo.async.internal;

import static dev.kumo.async.testing.FakeTarget.echo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.async.internal.Outcome.Condition;
import dev.kumo.async.testing.FakeTarget;
import dev.kumo.async.testing.MemoryStore;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.event.QueuedInvocation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DestinationsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FakeTarget target = new FakeTarget(new MemoryStore().activations());
    private final Destinations destinations = new Destinations(target, JSON);
    private final QueuedInvocation source = QueuedInvocation.accept(ActivationId.random(), "orders", "live",
            "not json".getBytes(StandardCharsets.UTF_8), NOW, "api", Optional.of("http://127.0.0.1/cb"),
            Optional.of("key"));

    @Test
    void aDestinationInvocationIsANewPlainInvocationOfTheLatestVersion() {
        target.deploy("audit", echo());
        var outcome = new Outcome(source, "3", Condition.EVENT_AGE_EXCEEDED, 2, Optional.empty(),
                Optional.of(new ErrorInfo("EventAgeExceeded", "too old", List.of())));

        QueuedInvocation invocation = destinations.invocation("audit", outcome, NOW).orElseThrow();

        assertThat(invocation.function()).isEqualTo("audit");
        assertThat(invocation.qualifier()).isEqualTo("$LATEST");
        assertThat(invocation.source()).isEqualTo("onFailure:orders");
        assertThat(invocation.id()).isNotEqualTo(source.id());
        assertThat(invocation.callbackUrl()).isEmpty();
        assertThat(invocation.idempotencyKey()).isEmpty();
        JsonNode record = JSON.readTree(invocation.payload());
        assertThat(record.get("requestContext").get("condition").asString()).isEqualTo("EventAgeExceeded");
        assertThat(record.get("requestPayload").asString()).isEqualTo("not json");
        assertThat(record.get("responseContext").get("executedVersion").asString()).isEqualTo("3");
        assertThat(record.get("responsePayload").get("errorMessage").asString()).isEqualTo("too old");
    }

    @Test
    void aSuccessComesFromOnSuccessAndAMissingDestinationIsSkipped() {
        target.deploy("audit", echo());
        var outcome = new Outcome(source, "3", Condition.SUCCESS, 1, Optional.of(new byte[0]), Optional.empty());

        assertThat(destinations.invocation("audit", outcome, NOW)).get()
                .extracting(QueuedInvocation::source).isEqualTo("onSuccess:orders");
        assertThat(JSON.readTree(destinations.invocation("audit", outcome, NOW).orElseThrow().payload())
                .get("responsePayload").isNull()).isTrue();
        assertThat(destinations.invocation("nowhere", outcome, NOW)).isEmpty();
    }
}
