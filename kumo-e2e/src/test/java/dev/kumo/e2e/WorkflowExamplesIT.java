package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code word-count-mr} and {@code image-pipeline} example workflows over real HTTP: exact word counts,
 * and the same image checksum however many chunks encode it in parallel.
 */
class WorkflowExamplesIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension();

    @Test
    void wordCountMapReduceCountsKnownDocumentsExactly() {
        var reply = kumo.http().post("/v1/workflows/word-count-mr/run", """
                {"documents": ["To be, or not to be", "that is the question: to BE!", "", "Not-so-fast: be 42 times"]}""");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).as(reply.body()).isEqualTo("succeeded");
        var out = reply.json().get("output");
        assertThat(out.get("words").asLong()).isEqualTo(17);
        assertThat(out.get("distinct").asInt()).isEqualTo(11);
        assertThat(out.get("top").toString()).isEqualTo("[[\"be\",4],[\"to\",3],[\"not\",2],[\"fast\",1],"
                + "[\"is\",1],[\"or\",1],[\"question\",1],[\"so\",1],[\"that\",1],[\"the\",1]]");
        var run = kumo.http().get("/v1/workflow-runs/" + reply.json().get("runId").asString()).json();
        assertThat(run.at("/steps/map/items").asInt()).isEqualTo(4);
        assertThat(run.at("/steps/reduce/status").asString()).isEqualTo("succeeded");
    }

    @Test
    void wordCountGeneratesSyntheticDocumentsAndRefusesTooMany() {
        var generated = kumo.http().post("/v1/workflows/word-count-mr/run", "{\"n\":50}");
        assertThat(generated.json().get("status").asString()).as(generated.body()).isEqualTo("succeeded");
        // 10 copies of each of the 5 corpus lines, which hold "the" 10 times, "of" and "was" 7, "it" 6
        assertThat(generated.json().at("/output/top").toString()).startsWith(
                "[[\"the\",100],[\"of\",70],[\"was\",70],[\"it\",60],");

        var tooMany = kumo.http().post("/v1/workflows/word-count-mr/run",
                "{\"documents\":[" + "\"a\",".repeat(1000) + "\"a\"]}");
        assertThat(tooMany.json().get("status").asString()).as(tooMany.body()).isEqualTo("failed");
        assertThat(tooMany.json().at("/error/step").asString()).isEqualTo("split");
        assertThat(tooMany.json().at("/error/message").asString()).contains("at most 1000 documents, got 1001");
    }

    @Test
    void imagePipelineGivesTheSameChecksumInOneChunkAndInEight() {
        var serial = run("{\"width\":640,\"height\":480,\"chunks\":1}");
        var parallel = run("{\"width\":640,\"height\":480,\"chunks\":8}");
        var uneven = run("{\"width\":640,\"height\":480,\"chunks\":7}");
        assertThat(serial.at("/output/chunks").asInt()).isEqualTo(1);
        assertThat(parallel.at("/output/chunks").asInt()).isEqualTo(8);
        assertThat(serial.at("/output/bytes").asLong()).isEqualTo(118_384);
        assertThat(parallel.at("/output/bytes").asLong()).isEqualTo(serial.at("/output/bytes").asLong());
        assertThat(parallel.at("/output/checksum").asLong()).isEqualTo(serial.at("/output/checksum").asLong())
                .isEqualTo(475_634_140L);
        assertThat(uneven.at("/output/checksum").asLong()).isEqualTo(serial.at("/output/checksum").asLong());
        var steps = kumo.http().get("/v1/workflow-runs/" + parallel.get("runId").asString()).json().get("steps");
        assertThat(steps.at("/encode/items").asInt()).isEqualTo(8);
        assertThat(steps.at("/stitch/status").asString()).isEqualTo("succeeded");
    }

    @Test
    void imagePipelineRefusesOutOfBoundsInputWithAClearError() {
        var tooManyChunks = kumo.http().post("/v1/workflows/image-pipeline/run",
                "{\"width\":64,\"height\":480,\"chunks\":65}");
        assertThat(tooManyChunks.json().get("status").asString()).as(tooManyChunks.body()).isEqualTo("failed");
        assertThat(tooManyChunks.json().at("/error/message").asString()).contains("chunks must be between 1 and");
        var tooBig = kumo.http().post("/v1/workflows/image-pipeline/run",
                "{\"width\":4000,\"height\":1001,\"chunks\":4}");
        assertThat(tooBig.json().at("/error/message").asString()).as(tooBig.body())
                .contains("width*height must be at most 4000000");
    }

    private static tools.jackson.databind.JsonNode run(String input) {
        var reply = kumo.http().post("/v1/workflows/image-pipeline/run", input);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).as(reply.body()).isEqualTo("succeeded");
        return reply.json();
    }
}
