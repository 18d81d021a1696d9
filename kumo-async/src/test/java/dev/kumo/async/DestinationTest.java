package dev.kumo.async;

import static dev.kumo.async.testing.FakeTarget.echo;
import static dev.kumo.async.testing.FakeTarget.failing;
import static dev.kumo.async.testing.FakeTarget.returning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.AsyncConfig;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DestinationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Fixture fx = new Fixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private JsonNode destinationRecord() {
        Fixture.quickly().until(() -> fx.target.calls("audit") == 1);
        return JSON.readTree(fx.target.requests("audit").getFirst().payload());
    }

    @Test
    void aSuccessIsReportedToTheOnSuccessDestination() {
        fx.target.deploy("audit", echo());
        fx.target.deploy("orders", 4, new AsyncConfig(2, 3600, Optional.of("audit"), Optional.of("audit")),
                returning("{\"total\":42}"));
        fx.start();

        ActivationId id = fx.invoke("orders", "{\"item\":\"tea\"}").id();

        JsonNode record = destinationRecord();
        assertThat(record.get("version").asString()).isEqualTo("1.0");
        assertThat(record.get("timestamp").asString()).isEqualTo(Fixture.T0.toString());
        JsonNode context = record.get("requestContext");
        assertThat(context.get("requestId").asString()).isEqualTo(id.value());
        assertThat(context.get("functionName").asString()).isEqualTo("orders");
        assertThat(context.get("condition").asString()).isEqualTo("Success");
        assertThat(context.get("approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.get("requestPayload").get("item").asString()).isEqualTo("tea");
        assertThat(record.get("responseContext").get("statusCode").asInt()).isEqualTo(200);
        assertThat(record.get("responseContext").get("executedVersion").asString()).isEqualTo("$LATEST");
        assertThat(record.get("responseContext").has("functionError")).isFalse();
        assertThat(record.get("responsePayload").get("total").asInt()).isEqualTo(42);
        fx.awaitStatus(id, ActivationStatus.SUCCESS);
    }

    @Test
    void aDeadLetterIsReportedToTheOnFailureDestination() {
        fx.target.deploy("audit", echo());
        fx.target.deploy("orders", 4, new AsyncConfig(1, 3600, Optional.empty(), Optional.of("audit")), failing());
        fx.start();

        ActivationId id = fx.invoke("orders", "[1,2]").id();

        JsonNode record = destinationRecord();
        assertThat(record.get("requestContext").get("condition").asString()).isEqualTo("RetriesExhausted");
        assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(record.get("requestPayload").get(1).asInt()).isEqualTo(2);
        assertThat(record.get("responseContext").get("functionError").asString()).isEqualTo("Unhandled");
        assertThat(record.get("responsePayload").get("errorType").asString())
                .isEqualTo("java.lang.IllegalStateException");
        assertThat(record.get("responsePayload").get("errorMessage").asString()).isEqualTo("always fails");
        fx.awaitStatus(id, ActivationStatus.DEAD_LETTERED);
    }

    @Test
    void aMissingDestinationIsSkipped() {
        fx.target.deploy("orders", 4, new AsyncConfig(2, 3600, Optional.of("nowhere"), Optional.empty()),
                returning("1"));
        fx.start();

        ActivationId id = fx.invoke("orders", "{}").id();

        fx.awaitStatus(id, ActivationStatus.SUCCESS);
        Fixture.quickly().until(() -> fx.store.queue().pending().isEmpty());
    }
}
