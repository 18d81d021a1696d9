package dev.kumo.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.function.Orchestrator;
import dev.kumo.runtime.fn.Steps;
import dev.kumo.runtime.testing.TestJars;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OrchestrationSliceTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private static JsonNode slice(String journal) {
        var request = "{\"kumoOrchestration\":1,\"runId\":\"r\",\"now\":\"2026-01-01T00:00:00Z\",\"input\":4,"
                + "\"journal\":" + journal + "}";
        var o = (Orchestrator<Object, Object>) (Orchestrator<?, ?>) new Steps();
        return MAPPER.readTree(OrchestrationSlice.run(o, MAPPER.constructType(Integer.class),
                request.getBytes(StandardCharsets.UTF_8), MAPPER));
    }

    @Test
    void suspendsAtANewCallAndCompletesFromTheJournal() {
        var first = slice("[]");
        assertThat(first.get("kumoSlice").asString()).isEqualTo("suspended");
        assertThat(first.at("/steps/0/kind").asString()).isEqualTo("call");
        assertThat(first.at("/steps/0/name").asString()).isEqualTo("double");
        assertThat(first.at("/steps/0/input").asInt()).isEqualTo(4);

        var running = slice("[{\"kind\":\"call\",\"name\":\"double\",\"status\":\"running\"}]");
        assertThat(running.get("kumoSlice").asString()).isEqualTo("suspended");
        assertThat(running.get("steps")).isEmpty();

        var done = slice("[{\"kind\":\"call\",\"name\":\"double\",\"status\":\"succeeded\",\"result\":8}]");
        assertThat(done.get("kumoSlice").asString()).isEqualTo("completed");
        assertThat(done.get("output").asInt()).isEqualTo(9);
    }

    @Test
    void aDifferentStepThanTheJournalIsNonDeterminism() {
        var failed = slice("[{\"kind\":\"sleep\",\"name\":\"PT1S\",\"status\":\"succeeded\"}]");
        assertThat(failed.get("kumoSlice").asString()).isEqualTo("failed");
        assertThat(failed.at("/error/type").asString()).isEqualTo("NonDeterminism");
        assertThat(failed.at("/error/message").asString()).contains("sleep 'PT1S'").contains("call 'double'");
    }

    @Test
    void aPlainInvocationIsRefused() {
        var o = (Orchestrator<Object, Object>) (Orchestrator<?, ?>) new Steps();
        assertThatThrownBy(() -> OrchestrationSlice.run(o, MAPPER.constructType(Integer.class),
                "4".getBytes(StandardCharsets.UTF_8), MAPPER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codeInspectorAcceptsAnOrchestrator() {
        assertThat(CodeInspector.inspect(TestJars.of(Steps.class), Steps.class.getName()))
                .isEqualTo(new Inspection.Ok());
    }
}
