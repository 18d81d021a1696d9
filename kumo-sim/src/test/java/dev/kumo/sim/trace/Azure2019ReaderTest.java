package dev.kumo.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Azure2019ReaderTest {

    @TempDir
    Path dir;

    record Seen(int app, long startMs, long durationMs) {
    }

    static List<Seen> replay(Trace trace, long seed) {
        var seen = new ArrayList<Seen>();
        trace.replay(seed, (app, start, duration) -> seen.add(new Seen(app, start, duration)));
        return seen;
    }

    private void write(String name, String... lines) throws IOException {
        Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void sampleNamesWithMinutesStartingLateAndMediansForMissingRows() throws IOException {
        write("invocations.csv", "HashOwner,HashApp,HashFunction,Trigger,480,481,482",
                "o,a1,f1,http,2,0,1", "o,a1,f2,timer,0,1,0", "o,a2,f3,queue,0,0,3");
        write("durations.csv", "HashOwner,HashApp,HashFunction,Average,Count",
                "o,a1,f1,100,3", "o,a1,f2,300,1", "o,zz,other,1000,1");
        write("memory.csv", "HashFunction,HashOwner,HashApp,SampleCount,AverageAllocatedMb",
                "f1,o,a1,5,100.0", "f3,o,a2,5,40.0", "x,o,zz,5,500.0");

        var trace = Azure2019Reader.read(dir);

        assertThat(trace.invocationCount()).isEqualTo(7);
        assertThat(trace.endMs()).isEqualTo(483 * 60_000L);
        // f2 has no memory row: it gets the median of the trace's functions (100, 40) = 70; a1 = f1 + f2
        assertThat(trace.apps()).containsExactly(new TraceApp("a1", 170), new TraceApp("a2", 40));
        var seen = replay(trace, 7);
        assertThat(seen).hasSize(7).isSortedAccordingTo((x, y) -> Long.compare(x.startMs(), y.startMs()));
        assertThat(seen).filteredOn(s -> s.startMs() < 481 * 60_000L).hasSize(2)
                .allSatisfy(s -> assertThat(s.startMs()).isGreaterThanOrEqualTo(480 * 60_000L));
        // f3 has no duration row: median of the trace's functions (100, 300) = 200
        assertThat(seen).filteredOn(s -> s.app() == 1).extracting(Seen::durationMs).containsOnly(200L);
        assertThat(replay(trace, 7)).isEqualTo(seen);
        assertThat(replay(trace, 8)).isNotEqualTo(seen);
    }

    @Test
    void perDayFilesFollowEachOtherAndSplitAppMemory() throws IOException {
        write("invocations_per_function_md.anon.d01.csv", "HashOwner,HashApp,HashFunction,Trigger,1,2",
                "o,a,f1,http,1,0", "o,a,f2,http,0,1");
        write("invocations_per_function_md.anon.d02.csv", "HashOwner,HashApp,HashFunction,Trigger,1,1440",
                "o,a,f1,http,0,2");
        write("function_durations_percentiles.anon.d01.csv", "HashOwner,HashApp,HashFunction,Average",
                "o,a,f1,50", "o,a,f2,70");
        write("app_memory_percentiles.anon.d01.csv", "HashOwner,HashApp,SampleCount,AverageAllocatedMb",
                "o,a,3,300");

        var trace = Azure2019Reader.read(dir);

        assertThat(trace.invocationCount()).isEqualTo(4);
        assertThat(trace.apps()).containsExactly(new TraceApp("a", 300));
        assertThat(replay(trace, 1)).extracting(s -> s.startMs() / 60_000)
                .containsExactly(1L, 2L, 1440L + 1440, 1440L + 1440);
        assertThat(trace.endMs()).isEqualTo((2 * 1440 + 1) * 60_000L);
    }

    @Test
    void malformedCountNamesFileLineAndColumn() throws IOException {
        write("invocations.csv", "HashOwner,HashApp,HashFunction,Trigger,1,2", "o,a,f,http,1,0", "o,a,g,http,1,x");
        write("durations.csv", "HashOwner,HashApp,HashFunction,Average");
        write("memory.csv", "HashFunction,HashOwner,HashApp,AverageAllocatedMb");

        assertThatThrownBy(() -> Azure2019Reader.read(dir)).isInstanceOfSatisfying(TraceFormatException.class, e -> {
            assertThat(e.file()).isEqualTo(dir.resolve("invocations.csv"));
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(6);
            assertThat(e).hasMessageContaining("invocations.csv:3:6").hasMessageContaining("'x'");
        });
    }

    @Test
    void shortRowsMissingColumnsAndLateMinutesAreErrors() throws IOException {
        write("invocations.csv", "HashOwner,HashApp,HashFunction,Trigger,1,2", "o,a,f,http,1");
        assertThatThrownBy(() -> Azure2019Reader.read(dir)).hasMessageContaining("invocations.csv:2:6");

        write("invocations.csv", "HashOwner,HashFunction,Trigger,1");
        assertThatThrownBy(() -> Azure2019Reader.read(dir)).hasMessageContaining("missing column 'HashApp'");

        write("invocations.csv", "HashOwner,HashApp,HashFunction,Trigger,1441");
        assertThatThrownBy(() -> Azure2019Reader.read(dir)).hasMessageContaining(":1:5");

        write("invocations.csv", "HashOwner,HashApp,HashFunction,Trigger,1", "o,a,f,http,1");
        write("durations.csv", "HashOwner,HashApp,HashFunction,Average", "o,a,f,-3");
        assertThatThrownBy(() -> Azure2019Reader.read(dir)).hasMessageContaining("durations.csv:2:4");
    }

    @Test
    void azure2021RecordsStartAtEndMinusDuration() throws IOException {
        write("trace.csv", "app,func,end_timestamp,duration", "x,f,10.5,0.5", "y,g,3.0,1.0", "x,f,12.0,2.0");

        var trace = TraceFormat.AUTO.read(dir);

        assertThat(trace.apps()).extracting(TraceApp::name).containsExactly("x", "y");
        assertThat(replay(trace, 1)).containsExactly(new Seen(1, 2000, 1000), new Seen(0, 10_000, 500),
                new Seen(0, 10_000, 2000));
        assertThat(trace.apps().getFirst().memoryMb()).isCloseTo(Azure2021Reader.DEFAULT_APP_MEMORY_MB,
                within(0.0));
        write("bad.csv", "app,func,end_timestamp,duration", "x,f,oops,1");
        assertThatThrownBy(() -> TraceFormat.AZURE2021.read(dir.resolve("bad.csv")))
                .hasMessageContaining("bad.csv:2:3");
    }
}
