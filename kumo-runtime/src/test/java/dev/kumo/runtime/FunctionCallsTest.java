package dev.kumo.runtime;

import static dev.kumo.runtime.Fixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.Tier;
import dev.kumo.runtime.fn.Gate;
import dev.kumo.runtime.fn.Hello;
import dev.kumo.runtime.fn.Relay;
import dev.kumo.runtime.fn.Thrower;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Functions calling functions through {@code ctx.invoke}: parentage, deadlines, bounds and failures. */
class FunctionCallsTest {

    @TempDir
    Path dir;

    private Fixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    private Fixture fixture(RuntimeConfig config) {
        fx = new Fixture(dir, config);
        return fx;
    }

    @Test
    void theChildIsRecordedWithTheCallerAsParentAndItsOutputReturned() {
        var fx = fixture(RuntimeConfig.defaults());
        fx.deploy("relay", Relay.class);
        fx.deploy("hello", Hello.class);

        var result = fx.invoke("relay", "{\"op\":\"call\",\"target\":\"hello:$LATEST\",\"input\":{\"a\":1}}");

        var out = json(result);
        assertThat(out.get("output").stringValue()).isEqualTo("hello");
        var parent = ((InvocationResult.Success) result).activationId();
        assertThat(out.get("self").stringValue()).isEqualTo(parent.value());
        var children = fx.store.activations().children(parent);
        assertThat(children).singleElement().satisfies(child -> {
            assertThat(child.function()).isEqualTo("hello");
            assertThat(child.status()).isEqualTo(ActivationStatus.SUCCESS);
            assertThat(child.parentId()).contains(parent);
            assertThat(child.inputBytes()).isEqualTo("{\"a\":1}".length());
        });
        assertThat(fx.store.activations().get(parent).orElseThrow().parentId()).isEmpty();
    }

    @Test
    void aChildsDeadlineIsCappedByItsCallersButKeepsItsOwnWhenShorter() {
        var fx = fixture(RuntimeConfig.defaults());
        fx.deploy("relay", Relay.class, Tier.ISOLATED, 1, 8, 2_000);
        fx.deploy("slow", Relay.class, Tier.ISOLATED, 1, 8, 60_000);
        fx.deploy("quick", Relay.class, Tier.ISOLATED, 1, 8, 500);
        Instant now = fx.clock.instant(); // the manual clock stands still

        var capped = json(fx.invoke("relay", "{\"op\":\"deadline\",\"target\":\"slow\"}"));
        var own = json(fx.invoke("relay", "{\"op\":\"deadline\",\"target\":\"quick\"}"));

        assertThat(capped.get("parent").stringValue()).isEqualTo(now.plusMillis(2_000).toString());
        assertThat(capped.get("child").stringValue()).isEqualTo(now.plusMillis(2_000).toString());
        assertThat(own.get("child").stringValue()).isEqualTo(now.plusMillis(500).toString());
    }

    @Test
    void aRecursiveFunctionStopsAtTheDepthBoundAndTheRefusalIsRecorded() {
        var fx = fixture(RuntimeConfig.defaults().withCallBounds(4, 64));
        fx.deploy("recurse", Relay.class, Tier.ISOLATED, 1, 8, 5_000);

        var result = fx.invoke("recurse", "{\"op\":\"recurse\",\"target\":\"recurse\"}");

        assertThat(json(result).intValue()).as("levels that ran below the first").isEqualTo(4);
        assertThat(fx.store.recorded()).filteredOn(a -> a.status() == ActivationStatus.SUCCESS).hasSize(5);
        assertThat(fx.store.recorded()).filteredOn(a -> a.status() == ActivationStatus.REJECTED)
                .singleElement().satisfies(rejected -> {
                    assertThat(rejected.function()).isEqualTo("recurse");
                    assertThat(rejected.error()).hasValueSatisfying(e -> assertThat(e.errorType()).isEqualTo("CALL_DEPTH"));
                    assertThat(rejected.parentId()).isPresent();
                });
        assertThat(depthOfChain(fx, ((InvocationResult.Success) result).activationId())).isEqualTo(5);
    }

    @Test
    void callsPastTheFanOutBoundFailAtOnceWhileTheOthersRun() {
        var fx = fixture(RuntimeConfig.defaults().withCallBounds(16, 2));
        fx.deploy("relay", Relay.class);
        fx.deploy("gate", Gate.class, Tier.ISOLATED, 1, 4, 5_000);
        String gate = fx.gate(false);

        var result = fx.invoke("relay", "{\"op\":\"fanOut\",\"target\":\"gate\",\"n\":3,\"input\":" + gate + "}");

        var states = json(result);
        assertThat(states.get(0).stringValue()).isIn("RUNNING", "SUCCESS");
        assertThat(states.get(1).stringValue()).isIn("RUNNING", "SUCCESS");
        assertThat(states.get(2).stringValue()).isEqualTo("FAN_OUT_EXCEEDED");
        var parent = ((InvocationResult.Success) result).activationId();
        fx.open(gate);
        await().until(() -> fx.store.activations().children(parent).stream()
                .filter(a -> a.status() == ActivationStatus.SUCCESS).count() == 2);
        assertThat(fx.store.activations().children(parent))
                .filteredOn(a -> a.status() == ActivationStatus.REJECTED).singleElement()
                .satisfies(a -> assertThat(a.error()).hasValueSatisfying(
                        e -> assertThat(e.errorType()).isEqualTo("FAN_OUT")));
    }

    @Test
    void aFailingChildSurfacesAsAnInvocationExceptionWithItsActivationId() {
        var fx = fixture(RuntimeConfig.defaults());
        fx.deploy("relay", Relay.class);
        fx.deploy("thrower", Thrower.class);

        var failure = json(fx.invoke("relay", "{\"op\":\"catch\",\"target\":\"thrower\"}"));
        var missing = json(fx.invoke("relay", "{\"op\":\"catch\",\"target\":\"nobody\"}"));

        assertThat(failure.get("kind").stringValue()).isEqualTo("FUNCTION_ERROR");
        assertThat(failure.get("errorType").stringValue()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failure.get("message").stringValue()).isEqualTo("boom");
        Activation child = fx.store.activations().get(new ActivationId(failure.get("activationId").stringValue()))
                .orElseThrow();
        assertThat(child.function()).isEqualTo("thrower");
        assertThat(child.status()).isEqualTo(ActivationStatus.ERROR);
        assertThat(child.parentId()).isPresent();
        assertThat(missing.get("kind").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(missing.get("activationId").stringValue()).isEmpty();
    }

    @Test
    void asyncCallsReturnFuturesThatCompleteWithTheOutputs() {
        var fx = fixture(RuntimeConfig.defaults());
        fx.deploy("relay", Relay.class, Tier.SHARED, 32, 2, 5_000);

        var result = fx.invoke("relay", "{\"op\":\"sum\",\"target\":\"relay\",\"n\":10}");

        assertThat(json(result).intValue()).isEqualTo(285);
        var parent = ((InvocationResult.Success) result).activationId();
        assertThat(fx.store.activations().children(parent)).hasSize(10)
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(ActivationStatus.SUCCESS));
    }

    private static int depthOfChain(Fixture fx, ActivationId root) {
        int depth = 1;
        Optional<Activation> next = fx.store.activations().children(root).stream()
                .filter(a -> a.status() == ActivationStatus.SUCCESS).findFirst();
        while (next.isPresent()) {
            depth++;
            next = fx.store.activations().children(next.get().id()).stream()
                    .filter(a -> a.status() == ActivationStatus.SUCCESS).findFirst();
        }
        return depth;
    }
}
