package dev.kumo.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowJsonTest {

    static final String FANOUT = """
            {"startAt":"range","steps":{
              "range":{"type":"task","function":"range","next":"fan"},
              "fan":{"type":"map","itemsPath":"$.items","function":"square","itemField":"x","maxConcurrency":8,
                     "retry":{"maxAttempts":3,"backoffMs":10},"next":"sum"},
              "sum":{"type":"task","function":"sum","timeoutMs":500,"end":true}}}""";

    static void rejects(String json, String field) {
        assertThatThrownBy(() -> Workflow.parse(json)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).as(e.getMessage()).isEqualTo(field));
    }

    @Test
    void parsesEveryStepType() {
        var wf = Workflow.parse(FANOUT);
        assertThat(wf.startAt()).isEqualTo("range");
        assertThat(wf.steps().keySet()).containsExactly("range", "fan", "sum");
        var fan = (Step.MapStep) wf.steps().get("fan");
        assertThat(fan.itemsPath().text()).isEqualTo("$.items");
        assertThat(fan.itemField()).contains("x");
        assertThat(fan.maxConcurrency()).isEqualTo(8);
        assertThat(fan.retry()).isEqualTo(new Retry(3, Duration.ofMillis(10)));
        assertThat(((Step.Task) wf.steps().get("sum")).timeout()).contains(Duration.ofMillis(500));
        assertThat(wf.steps().get("sum").next()).isEmpty();
    }

    @Test
    void jsonAndBuilderRoundTrip() {
        var built = Workflow.builder()
                .step("range", Step.task("range").then("fan"))
                .step("fan", Step.map("$.items", "square").withItemField("x").withMaxConcurrency(8)
                        .withRetry(new Retry(3, Duration.ofMillis(10))).then("sum"))
                .step("sum", Step.task("sum").withTimeout(Duration.ofMillis(500)))
                .build();
        assertThat(built).isEqualTo(Workflow.parse(FANOUT));
        assertThat(Workflow.parse(built.toJson())).isEqualTo(built);
        var choice = Workflow.builder().step("c", new Step.Choice(List.of(new Step.Rule(JsonPath.parse("$.n"),
                Step.Op.GT, "10", "big")), Optional.of("small")))
                .step("big", Step.task("a")).step("small", Step.parallel(List.of(
                        Workflow.builder().step("x", Step.task("b")).build())))
                .build();
        assertThat(Workflow.parse(choice.toJson())).isEqualTo(choice);
    }

    @Test
    void memoizeIsABooleanThatRoundTrips() {
        var wf = Workflow.parse("{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\",\"function\":\"f\","
                + "\"memoize\":true,\"end\":true}}}");
        assertThat(((Step.Task) wf.steps().get("a")).memoize()).isTrue();
        assertThat(Workflow.parse(wf.toJson())).isEqualTo(wf);
        assertThat(Workflow.builder().step("a", Step.task("f").withMemoize(true)).build()).isEqualTo(wf);
        rejects("{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\",\"function\":\"f\","
                + "\"memoize\":\"yes\",\"end\":true}}}", "steps.a.memoize");
    }

    @Test
    void unknownStepNamesAreNamed() {
        rejects("{\"startAt\":\"nope\",\"steps\":{\"a\":{\"type\":\"task\",\"function\":\"f\",\"end\":true}}}",
                "startAt");
        rejects("{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\",\"function\":\"f\",\"next\":\"b\"}}}",
                "steps.a.next");
        rejects("{\"startAt\":\"c\",\"steps\":{\"c\":{\"type\":\"choice\",\"choices\":[{\"path\":\"$.n\",\"op\":\"gt\","
                + "\"value\":1,\"next\":\"x\"}]}}}", "steps.c.choices[0].next");
        rejects("{\"startAt\":\"c\",\"steps\":{\"c\":{\"type\":\"choice\",\"choices\":[{\"path\":\"$.n\",\"op\":\"gt\","
                + "\"value\":1,\"next\":\"c\"}],\"default\":\"zz\"}}}", "steps.c.default");
        rejects("{\"startAt\":\"p\",\"steps\":{\"p\":{\"type\":\"parallel\",\"end\":true,\"branches\":["
                + "{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\",\"function\":\"f\",\"end\":true}}},"
                + "{\"startAt\":\"q\",\"steps\":{\"a\":{\"type\":\"task\",\"function\":\"f\",\"end\":true}}}]}}}",
                "steps.p.branches[1].startAt");
    }

    @Test
    void cyclesAreRefused() {
        rejects("{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\",\"function\":\"f\",\"next\":\"b\"},"
                + "\"b\":{\"type\":\"task\",\"function\":\"f\",\"next\":\"a\"}}}", "steps.b.next");
        rejects("{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\",\"function\":\"f\",\"next\":\"a\"}}}",
                "steps.a.next");
        rejects("{\"startAt\":\"c\",\"steps\":{\"c\":{\"type\":\"choice\",\"choices\":[{\"path\":\"$.n\",\"op\":\"gt\","
                + "\"value\":1,\"next\":\"c\"}]}}}", "steps.c.choices");
    }

    @Test
    void badFieldsAreNamed() {
        rejects(FANOUT.replace("\"$.items\"", "\"items\""), "steps.fan.itemsPath");
        rejects(FANOUT.replace("\"$.items\"", "\"$.items[x]\""), "steps.fan.itemsPath");
        rejects(FANOUT.replace("\"type\":\"task\",\"function\":\"range\"", "\"type\":\"task\",\"inputPath\":\"$..\","
                + "\"function\":\"range\""), "steps.range.inputPath");
        rejects(FANOUT.replace("\"function\":\"sum\"", "\"function\":\"Bad Name\""), "steps.sum.function");
        rejects(FANOUT.replace(",\"function\":\"sum\"", ""), "steps.sum.function");
        rejects(FANOUT.replace("\"maxAttempts\":3", "\"maxAttempts\":0"), "steps.fan.retry");
        rejects(FANOUT.replace("\"timeoutMs\":500", "\"timeoutMs\":0"), "steps.sum.timeoutMs");
        rejects(FANOUT.replace("\"maxConcurrency\":8", "\"maxConcurrency\":0"), "steps.fan.maxConcurrency");
        rejects(FANOUT.replace("\"type\":\"map\"", "\"type\":\"loop\""), "steps.fan.type");
        rejects(FANOUT.replace("\"end\":true", "\"end\":true,\"color\":1"), "steps.sum.color");
        rejects(FANOUT.replace(",\"end\":true", ""), "steps.sum.next");
        rejects("{\"startAt\":\"a\",\"steps\":{}}", "steps");
        rejects("[1]", "");
        rejects("{", "");
    }
}
