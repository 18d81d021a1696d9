package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.e2e.fixtures.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The async guarantee under the worst crash: {@code kill -9} of the server while 10,000 asynchronous
 * invocations are being sent, queued and run. Every invocation the server acknowledged with 202 must run
 * after the restart (none lost); the runs that happened twice (at-least-once delivery: the node died between
 * running one and recording that it finished) are counted and reported; the function's effect is idempotent,
 * so every key's effect exists exactly once; and re-sending acknowledged requests with their idempotency
 * keys returns the same activation ids without running anything again.
 */
class AsyncKillRecoveryIT {

    private static final int INVOCATIONS = 10_000;
    private static final int SENDERS = 16;

    @Test
    void noAcknowledgedInvocationIsLostAcrossKill9(@TempDir Path data, @TempDir Path ledger) throws Exception {
        Files.createDirectories(ledger.resolve("effects"));
        var acked = new ConcurrentHashMap<String, String>(); // key -> activation id
        try (var node = ForkedNode.start(data)) {
            deployLedger(node.http);
            // Two instances of a 2 ms function drain at most ~1,000/s, slower than the senders enqueue, so
            // thousands are queued or running when the node is killed.
            assertThat(node.http.put("/v1/functions/ledger", "{\"maxInstances\":2}").status()).isEqualTo(200);
            var next = new AtomicInteger();
            var senders = IntStream.range(0, SENDERS).mapToObj(i -> Thread.ofVirtual().start(() -> {
                for (int n = next.getAndIncrement(); n < INVOCATIONS; n = next.getAndIncrement()) {
                    String key = "k" + n;
                    try {
                        var reply = node.http.invokeAsync("ledger", slowPayload(ledger, key),
                                Map.of("Kumo-Idempotency-Key", key));
                        if (reply.status() == 202) {
                            acked.put(key, reply.json().get("activationId").asString());
                        }
                    } catch (RuntimeException e) {
                        return; // the server is gone: this request was never acknowledged
                    }
                }
            })).toList();
            await().atMost(Duration.ofSeconds(120)).until(() -> acked.size() >= INVOCATIONS * 9 / 10);
            node.kill9();
            for (var sender : senders) {
                sender.join();
            }
        }
        int ranBeforeKill = runs(ledger).size();
        assertThat(acked.size() - ranBeforeKill).as("a backlog was queued at the kill").isGreaterThan(1_000);

        try (var node = ForkedNode.start(data)) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> missingEffects(ledger, acked.keySet()).isEmpty());
            assertThat(missingEffects(ledger, acked.keySet())).as("acknowledged invocations lost").isEmpty();

            var runs = runs(ledger);
            var perKey = runs.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            long duplicates = perKey.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
            System.out.printf("kill -9 recovery: %d acknowledged, %d ran before the kill (so %d or more were queued"
                    + " or running at the kill), %d runs in all, %d ran more than once (%d extra runs), 0 lost%n",
                    acked.size(), ranBeforeKill, acked.size() - ranBeforeKill, runs.size(),
                    perKey.values().stream().filter(c -> c > 1).count(), duplicates);
            try (Stream<Path> effects = Files.list(ledger.resolve("effects"))) {
                assertThat(effects.count()).as("the idempotent effect happened once per key")
                        .isEqualTo(perKey.size());
            }

            // A client that did not see its 202 retries with the same key: same activation, nothing runs again.
            var sample = acked.entrySet().stream().limit(200).toList();
            int runsBefore = runs(ledger).size();
            for (var entry : sample) {
                var reply = node.http.invokeAsync("ledger", slowPayload(ledger, entry.getKey()),
                        Map.of("Kumo-Idempotency-Key", entry.getKey()));
                assertThat(reply.status()).as(reply.body()).isEqualTo(202);
                assertThat(reply.json().get("activationId").asString()).isEqualTo(entry.getValue());
                assertThat(reply.header("Kumo-Idempotent-Replay")).isEqualTo("true");
            }
            Thread.sleep(1_000);
            assertThat(runs(ledger)).as("replayed keys ran nothing").hasSize(runsBefore);
        }
    }

    static void deployLedger(Http http) {
        var deploy = http.putJar("/v1/functions/ledger/code?handler=" + Ledger.class.getName() + "&timeoutMs=10000",
                Jars.of(Ledger.class));
        assertThat(deploy.status()).as(deploy.body()).isEqualTo(201);
    }

    private static String slowPayload(Path ledger, String key) {
        return payload(ledger, key).replace("}", ",\"sleepMs\":2}");
    }

    static String payload(Path ledger, String key) {
        return "{\"dir\":\"" + ledger.toString().replace("\\", "\\\\") + "\",\"key\":\"" + key + "\"}";
    }

    static List<String> runs(Path ledger) {
        try {
            var log = ledger.resolve("runs.log");
            return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> missingEffects(Path ledger, Set<String> keys) {
        return keys.stream().filter(k -> !Files.exists(ledger.resolve("effects").resolve(k)))
                .collect(Collectors.toSet());
    }
}
