package dev.kumo.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimMainTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SimMain.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    private Path trace() throws IOException {
        var trace = Files.createDirectories(dir.resolve("trace"));
        Files.write(trace.resolve("invocations.csv"), List.of("HashOwner,HashApp,HashFunction,Trigger,0,1,2,3,4",
                "o,a,f,http,3,0,0,1,0", "o,b,g,timer,1,1,1,1,1", "o,c,h,queue,0,0,0,0,4"));
        Files.write(trace.resolve("durations.csv"), List.of("HashOwner,HashApp,HashFunction,Average",
                "o,a,f,200", "o,b,g,1000"));
        Files.write(trace.resolve("memory.csv"), List.of("HashFunction,HashOwner,HashApp,AverageAllocatedMb",
                "f,o,a,128", "g,o,b,256", "h,o,c,64"));
        return trace;
    }

    @Test
    void writesSummaryAndPlotsDeterministically() throws IOException {
        var trace = trace();
        var first = dir.resolve("one");
        var second = dir.resolve("two");

        assertThat(run("--trace", trace.toString(), "--policy", "fixed:1m,fixed:3m", "--out", first.toString(),
                "--seed", "42")).isZero();
        assertThat(run("--trace", trace.toString(), "--policy", "fixed:1m,fixed:3m", "--out", second.toString(),
                "--seed", "42", "--format", "azure2019")).isZero();

        var lines = Files.readAllLines(first.resolve("summary.csv"));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith(
                "policy,apps,invocations,cold_starts,cold_start_pct_median,cold_start_pct_p75,wasted_memory_gb_s,prewarms,");
        assertThat(lines.get(1)).startsWith("fixed:1m,3,13,");
        assertThat(lines.get(3)).startsWith("fixed:10m,").endsWith(",implicit");
        assertThat(Files.readAllLines(second.resolve("summary.csv"))).isEqualTo(lines);
        assertThat(first.resolve("tradeoff.png")).isNotEmptyFile();
        assertThat(first.resolve("cold-start-cdf.png")).isNotEmptyFile();
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws IOException {
        var trace = trace();
        Files.writeString(trace.resolve("memory.csv"), "HashFunction,HashOwner,HashApp,AverageAllocatedMb\nf,o,a,lots\n");

        assertThat(run("--trace", trace.toString(), "--policy", "fixed:1m", "--out", dir.resolve("o").toString()))
                .isEqualTo(SimMain.BAD_INPUT);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("memory.csv:2:4");
    }

    @Test
    void unknownPolicyAndMissingTraceAreBadInput() throws IOException {
        var trace = trace();
        assertThat(run("--trace", trace.toString(), "--policy", "nope")).isEqualTo(SimMain.BAD_INPUT);
        assertThat(err.toString()).contains("unknown keep-alive policy 'nope'");
        assertThat(run("--trace", dir.resolve("absent").toString())).isEqualTo(SimMain.BAD_INPUT);
        assertThat(run("--policy", "fixed")).isEqualTo(SimMain.BAD_INPUT);
    }
}
