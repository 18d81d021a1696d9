package dev.kumo.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden results: {@code SimMain} on the small committed trace in {@code src/test/resources/golden/trace} (Azure 2019
 * sample format, minutes 1 to 120) must write exactly the committed {@code golden/summary.csv}, byte for byte. Any
 * change to trace reading, invocation placement, the event loop, the accounting or a policy shows up here.
 *
 * <p>The trace: 6 apps, 8 functions, 473 invocations. {@code periodic/tick} once every 10 minutes (12 calls, right at
 * the {@code fixed:10m} boundary); {@code bursty/burst} in three bursts (minutes 5-8, 60-62, 100; 178 calls);
 * {@code rare/nightly} 3 times (minutes 3, 50, 118; 90 s each); {@code shop} with two functions ({@code cart} every 3
 * minutes, {@code checkout} 6 times); {@code legacy/job} every 25 minutes (5 calls), absent from {@code durations.csv}
 * and {@code memory.csv}, so it gets the medians of the other seven functions (120 ms, 192 MB); {@code steady} with
 * {@code api} (most minutes) and {@code health} (every 5 minutes).
 *
 * <p>Checked by hand before committing (cold starts per app, in the order periodic, bursty, rare, shop, legacy, steady):
 * <ul>
 *   <li>{@code fixed:5m}: 12 + 3 + 3 + 1 + 5 + 1 = 25. {@code fixed:60m}: 1 + 1 + 2 + 1 + 1 + 1 = 7 (the rare app's
 *       second call comes about 46 min after the first ends, warm; its third about 66 min after the second ends,
 *       cold).</li>
 *   <li>{@code fixed:10m}: 6 + 3 + 3 + 1 + 5 + 1 = 19. The rare app is cold on all 3 calls (gaps of 46 and 66 min);
 *       the periodic app's 11 later calls each land 9 to 11 min after the previous one, and with seed 7 five of them
 *       land more than 10 min after the previous call ended (checked against the replayed start times), so 6.</li>
 *   <li>Percentiles over the 6 apps' cold-start % (linear interpolation): {@code fixed:10m} sorted 0.44, 1.69, 2.17,
 *       50, 100, 100 gives p50 (2.17 + 50) / 2 = 26.087 and p75 50 + 0.75 * 50 = 87.5; {@code fixed:60m} sorted 0.44,
 *       0.56, 2.17, 8.33, 20, 66.7 gives p50 5.2536 and p75 8.33 + 0.75 * (20 - 8.33) = 17.083; {@code fixed:5m} gives
 *       p50 (2.17 + 100) / 2 = 51.087 and p75 100.</li>
 * </ul>
 *
 * <p>If the model changes on purpose, regenerate the golden file from the repository root, review the diff and commit it:
 * <pre>
 * ./mvnw -B -q -pl kumo-sim -am package -DskipTests
 * java -cp "kumo-sim/target/classes:kumo-sim/target/lib/*" dev.kumo.sim.SimMain \
 *     --trace kumo-sim/src/test/resources/golden/trace \
 *     --policy hybrid-histogram,hybrid-histogram:fallback=range,fixed:5m,fixed:10m,fixed:60m --seed 7 \
 *     --out /tmp/kumo-golden
 * cp /tmp/kumo-golden/summary.csv kumo-sim/src/test/resources/golden/summary.csv
 * </pre>
 */
class GoldenTraceTest {

    static final String POLICIES = "hybrid-histogram,hybrid-histogram:fallback=range,fixed:5m,fixed:10m,fixed:60m";

    private static final String REGENERATE = """
            summary.csv on the golden trace differs from src/test/resources/golden/summary.csv.
            If the simulator's model or a policy changed on purpose, regenerate it from the repository root and commit \
            the reviewed diff (full command in GoldenTraceTest's javadoc):
              java -cp "kumo-sim/target/classes:kumo-sim/target/lib/*" dev.kumo.sim.SimMain \
            --trace kumo-sim/src/test/resources/golden/trace --policy %s --seed 7 --out /tmp/kumo-golden \
            && cp /tmp/kumo-golden/summary.csv kumo-sim/src/test/resources/golden/summary.csv
            Otherwise this is a regression (or lost determinism).""".formatted(POLICIES);

    @TempDir
    Path out;

    @Test
    void summaryOnTheGoldenTraceMatchesTheCommittedOneByteForByte() throws IOException, URISyntaxException {
        var err = new StringWriter();

        int code = SimMain.execute(new String[] {"--trace", resource("golden/trace").toString(), "--policy", POLICIES,
                "--seed", "7", "--out", out.toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        byte[] actual = Files.readAllBytes(out.resolve("summary.csv"));
        byte[] expected = Files.readAllBytes(resource("golden/summary.csv"));
        assertThat(new String(actual, StandardCharsets.UTF_8)).as(REGENERATE)
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(actual).as(REGENERATE).isEqualTo(expected);
    }

    private static Path resource(String name) throws URISyntaxException {
        var url = GoldenTraceTest.class.getClassLoader().getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        return Path.of(url.toURI());
    }
}
