package dev.kumo.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.workflow.internal.WorkflowJson;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    final tools.jackson.databind.JsonNode doc = WorkflowJson.MAPPER.readTree(
            "{\"items\":[1,2,{\"b\":\"x\"}],\"a\":{\"b\":{\"c\":7}},\"n-1\":true}");

    @Test
    void selectsFieldsAndIndexes() {
        assertThat(JsonPath.parse("$").select(doc)).contains(doc);
        assertThat(JsonPath.parse("$.a.b.c").select(doc).orElseThrow().asInt()).isEqualTo(7);
        assertThat(JsonPath.parse("$.items[1]").select(doc).orElseThrow().asInt()).isEqualTo(2);
        assertThat(JsonPath.parse("$.items[2].b").select(doc).orElseThrow().asString()).isEqualTo("x");
        assertThat(JsonPath.parse("$.n-1").select(doc).orElseThrow().asBoolean()).isTrue();
    }

    @Test
    void missingPartsSelectNothing() {
        assertThat(JsonPath.parse("$.nope").select(doc)).isEmpty();
        assertThat(JsonPath.parse("$.items[9]").select(doc)).isEmpty();
        assertThat(JsonPath.parse("$.a[0]").select(doc)).as("index into an object").isEmpty();
        assertThat(JsonPath.parse("$.items.x").select(doc)).as("field of an array").isEmpty();
        assertThat(JsonPath.parse("$.a.b.c.d").select(doc)).isEmpty();
    }

    @Test
    void rejectsWhatIsNotInTheSubset() {
        for (var bad : new String[] {"", "items", "$.", "$..a", "$[*]", "$.a[-1]", "$.a[01]", "$['a']", "$ .a", "$.a]"}) {
            assertThatThrownBy(() -> JsonPath.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
