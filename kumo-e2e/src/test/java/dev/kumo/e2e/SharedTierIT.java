package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared tier serves many concurrent invocations from one instance; isolated needs one each. */
class SharedTierIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension();

    private static List<Http.Reply> concurrently(int n, String function, String body) throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<Http.Reply>>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> kumo.http().invoke(function, body)));
            }
            var replies = new ArrayList<Http.Reply>();
            for (var f : futures) {
                replies.add(f.get());
            }
            return replies;
        }
    }

    @Test
    void sharedInstanceServesConcurrentLoad() throws Exception {
        assertThat(kumo.http().putJar("/v1/functions/nap-shared/code?handler=dev.kumo.examples.Sleep&tier=shared"
                + "&concurrency=64", Node.examplesJarBytes()).status()).isEqualTo(201);
        var replies = concurrently(32, "nap-shared", "{\"ms\":300}");
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        long cold = replies.stream().filter(r -> r.header("Kumo-Cold-Start").equals("true")).count();
        assertThat(cold).as("one shared instance serves all 32").isEqualTo(1);
    }

    @Test
    void isolatedTierUsesOneInstancePerConcurrentInvocation() throws Exception {
        assertThat(kumo.http().putJar("/v1/functions/nap-isolated/code?handler=dev.kumo.examples.Sleep",
                Node.examplesJarBytes()).status()).isEqualTo(201);
        var replies = concurrently(8, "nap-isolated", "{\"ms\":500}");
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        long cold = replies.stream().filter(r -> r.header("Kumo-Cold-Start").equals("true")).count();
        assertThat(cold).isGreaterThan(1);
    }
}
