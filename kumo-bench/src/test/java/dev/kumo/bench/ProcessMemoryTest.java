package dev.kumo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.bench.ProcessMemory.Kind;
import dev.kumo.bench.ProcessMemory.Smaps;
import dev.kumo.bench.ProcessMemory.WorkerProc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void parsesSmapsRollup() {
        String text = """
                55c0c0000000-7ffd9b5fe000 ---p 00000000 00:00 0                          [rollup]
                Rss:               80588 kB
                Pss:               57150 kB
                Pss_Anon:          56000 kB
                Shared_Clean:      23000 kB
                Private_Clean:       400 kB
                Private_Dirty:     56332 kB
                Referenced:        80000 kB
                """;
        Smaps s = ProcessMemory.parseSmaps(text);
        assertThat(s.rss()).isEqualTo(80588L * 1024);
        assertThat(s.pss()).isEqualTo(57150L * 1024);
        assertThat(s.privateBytes()).isEqualTo((400L + 56332) * 1024);
    }

    @Test
    void readsThisProcessFromProc() throws IOException {
        Smaps own = ProcessMemory.parseSmaps(java.nio.file.Files.readString(
                java.nio.file.Path.of("/proc/self/smaps_rollup")));
        assertThat(own.pss()).isPositive();
        assertThat(own.rss()).isGreaterThanOrEqualTo(own.pss());
        assertThat(ProcessMemory.memAvailableBytes()).isPresent();
        assertThat(ProcessMemory.workers(ProcessHandle.current().pid())).isEmpty(); // no worker children
    }

    @Test
    void recognisesWorkersByCommandLine() {
        assertThat(ProcessMemory.kind(List.of("/jdk/bin/java", "-Xmx96m", "-cp", "lib/*",
                "dev.kumo.process.worker.WorkerMain", "--warm-up"))).contains(Kind.JAVA);
        assertThat(ProcessMemory.kind(List.of("/usr/bin/python3.11", "-u", "-E", "-s", "/d/runtimes/python.py")))
                .contains(Kind.PYTHON);
        assertThat(ProcessMemory.kind(List.of("/usr/bin/node", "--max-old-space-size=89", "/d/runtimes/node.js")))
                .contains(Kind.NODE);
        assertThat(ProcessMemory.kind(List.of("/jdk/bin/java", "-cp", "x", "dev.kumo.server.Main")))
                .isEqualTo(Optional.empty());
        assertThat(ProcessMemory.kind(List.of())).isEmpty();
    }

    @Test
    void functionWorkersLeaveOutPrestartedAndYoungestPoolWorkers() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Smaps m = new Smaps(1, 1, 1);
        var pool0 = new WorkerProc(1, Kind.JAVA, false, true, t, m);
        var a = new WorkerProc(2, Kind.JAVA, false, true, t.plusSeconds(1), m);
        var b = new WorkerProc(3, Kind.JAVA, false, true, t.plusSeconds(2), m);
        var refill = new WorkerProc(4, Kind.JAVA, false, true, t.plusSeconds(3), m);
        var node = new WorkerProc(5, Kind.NODE, false, true, t.plusSeconds(4), m);
        assertThat(ProcessMemory.functionWorkers(List.of(refill, node, b, pool0, a), Set.of(1L), 2))
                .containsExactly(a, b);
        assertThat(ProcessMemory.functionWorkers(List.of(a), Set.of(), 5)).containsExactly(a);
    }

    @Test
    void fitsALineAndTakesPercentiles() {
        double[] fit = ProcessMemory.linearFit(List.of(new double[] {50, 2750}, new double[] {100, 5500},
                new double[] {150, 8250}));
        assertThat(fit[1]).isCloseTo(55.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fit[0]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(ProcessMemory.linearFit(List.of(new double[] {50, 2750}))[1]).isEqualTo(55.0);
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(ProcessMemory.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(ProcessMemory.percentile(sorted, 0.9)).isEqualTo(9);
        assertThat(ProcessMemory.percentile(new double[0], 0.5)).isNaN();
    }

    @Test
    void zipsAHandler() throws IOException {
        byte[] zip = ProcessMemory.zip("app.py", "def handler(e, c):\n    return 1\n");
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            assertThat(in.getNextEntry().getName()).isEqualTo("app.py");
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("def handler");
        }
    }

    @Test
    void workersOption() {
        assertThat(BenchOptions.parse().workers()).isEqualTo(50);
        assertThat(BenchOptions.parse("--workers", "7").workers()).isEqualTo(7);
        assertThatThrownBy(() -> BenchOptions.parse("--workers", "0")).hasMessageContaining("at least 1");
    }
}
