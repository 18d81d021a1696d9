package dev.kumo.runtime;

import static dev.kumo.runtime.Fixture.cold;
import static dev.kumo.runtime.Fixture.json;
import static dev.kumo.runtime.Fixture.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Alias;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.RejectReason;
import dev.kumo.core.Tier;
import dev.kumo.runtime.fn.Greeter;
import dev.kumo.runtime.fn.Hello;
import dev.kumo.runtime.fn.InitFails;
import dev.kumo.runtime.fn.MapEcho;
import dev.kumo.runtime.fn.Misfits;
import dev.kumo.runtime.fn.NotJson;
import dev.kumo.runtime.fn.Probe;
import dev.kumo.runtime.fn.RawBytes;
import dev.kumo.runtime.fn.StreamLength;
import dev.kumo.runtime.fn.Thrower;
import dev.kumo.runtime.fn.Untyped;
import dev.kumo.runtime.fn.Upper;
import dev.kumo.runtime.testing.TestJars;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherTest {

    @TempDir
    Path dir;

    private Fixture fx;

    @BeforeEach
    void setUp() {
        fx = new Fixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void runsAKumoHandlerWithRecordsColdThenWarmAndInitOncePerInstance() {
        fx.deploy("greeter", Greeter.class);

        var first = fx.invoke("greeter", "{\"name\":\"ada\",\"times\":1}");
        var second = fx.invoke("greeter", "{\"name\":\"bob\"}");

        assertThat(cold(first)).isTrue();
        assertThat(cold(second)).isFalse();
        assertThat(json(first).get("greeting").asString()).isEqualTo("hello ada");
        assertThat(json(first).get("env").asString()).isEqualTo("hi");
        assertThat(json(second).get("inits").asInt()).isEqualTo(1);
        assertThat(json(second).get("instance")).isEqualTo(json(first).get("instance"));
        var activations = fx.store.recorded();
        assertThat(activations).extracting(a -> a.coldStart()).containsExactly(true, false);
        assertThat(activations.get(0).initMs()).isPositive();
        assertThat(activations.get(1).initMs()).isZero();
        assertThat(activations.get(0).logs()).containsExactly("INFO init " + json(first).get("instance").asString());
        assertThat(activations.get(1).logs()).isEmpty();
        assertThat(activations.get(0).result()).hasValue(output(first));
        assertThat(activations.get(0).inputBytes()).isEqualTo(24);
    }

    @Test
    void runsAFunctionOverMaps() {
        fx.deploy("echo", MapEcho.class);

        assertThat(output(fx.invoke("echo", "{\"a\":1,\"b\":[true]}")))
                .isEqualTo("{\"echo\":{\"a\":1,\"b\":[true]},\"type\":\"java.util.LinkedHashMap\"}");
    }

    @Test
    void runsAnAwsRequestHandlerOverStringsWithItsLogger() {
        fx.deploy("upper", Upper.class);

        var result = fx.invoke("upper", "\"abc\"");

        assertThat(output(result)).isEqualTo("\"ABC\"");
        var id = ((InvocationResult.Success) result).activationId();
        assertThat(fx.last().logs()).containsExactly("upper " + id + " upper");
    }

    @Test
    void runsAnAwsStreamHandlerOnRawBytes() {
        fx.deploy("stream", StreamLength.class);

        assertThat(output(fx.invoke("stream", "[1, 2, 3]"))).isEqualTo("{\"length\":9,\"memory\":128}");
    }

    @Test
    void passesRawBytesInAndOut() {
        fx.deploy("raw", RawBytes.class);

        assertThat(output(fx.invoke("raw", "not even json"))).isEqualTo("{\"bytes\":13}");
    }

    @Test
    void rawOutputThatIsNotJsonIsAFunctionError() {
        fx.deploy("not-json", NotJson.class);

        var result = fx.invoke("not-json", "{}");

        assertThat(result).isInstanceOfSatisfying(InvocationResult.FunctionError.class, e -> {
            assertThat(e.error().errorType()).isEqualTo("InvalidOutput");
            assertThat(e.error().message()).contains("not JSON");
        });
        assertThat(fx.last().status()).isEqualTo(ActivationStatus.ERROR);
        assertThat(fx.last().result()).isEmpty();
    }

    @Test
    void givesUntypedHandlersTheGenericTreeAndNullForAnEmptyBody() {
        fx.deploy("untyped", Untyped.class);

        assertThat(output(fx.invoke("untyped", "{\"x\":[1,2.5]}")))
                .isEqualTo("[\"java.util.LinkedHashMap\",{\"x\":[1,2.5]}]");
        assertThat(output(fx.invoke("untyped", "7"))).isEqualTo("[\"java.lang.Integer\",7]");
        assertThat(output(fx.invoke("untyped", ""))).isEqualTo("null");
        assertThat(output(fx.invoke("untyped", "  \n"))).isEqualTo("null");
    }

    @Test
    void rejectsInputThatDoesNotMapWithoutRunningTheFunction() {
        fx.deploy("greeter", Greeter.class);

        var result = fx.invoke("greeter", "[1, 2]");

        assertThat(result).isInstanceOfSatisfying(InvocationResult.InvalidInput.class,
                r -> assertThat(r.message()).startsWith("cannot map the request body to Input"));
        assertThat(fx.last().status()).isEqualTo(ActivationStatus.ERROR);
        assertThat(fx.last().error()).hasValueSatisfying(e -> assertThat(e.errorType()).isEqualTo("InvalidInput"));
        assertThat(fx.invoke("greeter", "{\"name\":")).isInstanceOf(InvocationResult.InvalidInput.class);
    }

    @Test
    void reportsWhatAFunctionThrows() {
        fx.deploy("thrower", Thrower.class);

        var result = fx.invoke("thrower", "{}");

        assertThat(result).isInstanceOfSatisfying(InvocationResult.FunctionError.class, e -> {
            assertThat(e.error().errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(e.error().message()).isEqualTo("boom");
            assertThat(e.error().stackTrace()).isNotEmpty();
        });
        assertThat(fx.last().status()).isEqualTo(ActivationStatus.ERROR);
        assertThat(fx.last().logs()).containsExactly("about to fail");
        assertThat(fx.last().result()).isEmpty();
    }

    @Test
    void discardsAnInstanceWhoseInitFails() {
        fx.deploy("initfails", InitFails.class);

        var first = fx.invoke("initfails", "{}");
        var second = fx.invoke("initfails", "{}");

        for (var result : new InvocationResult[] {first, second}) {
            assertThat(result).isInstanceOfSatisfying(InvocationResult.FunctionError.class, e -> {
                assertThat(e.coldStart()).isTrue();
                assertThat(e.error().errorType()).isEqualTo("java.lang.IllegalArgumentException");
                assertThat(e.error().message()).isEqualTo("missing configuration");
            });
        }
        assertThat(fx.last().logs()).containsExactly("init starting");
        assertThat(fx.last().status()).isEqualTo(ActivationStatus.INIT_ERROR);
        assertThat(fx.dispatcher.snapshot()).isEqualTo(new PoolSnapshot(0, 0, 0, 4096));
    }

    @Test
    void reportsAMissingHandlerClass() {
        var config = new FunctionConfig("com.example.Nope", "java", 128, 1_000, 1, 1, Tier.ISOLATED, Map.of(), "");
        fx.deploy("nope", config, TestJars.of(Hello.class));

        assertThat(fx.invoke("nope", "{}")).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                e -> assertThat(e.error().errorType()).isEqualTo("HandlerMissing"));
    }

    @Test
    void reportsAHandlerClassThatIsNoHandler() {
        fx.deploy("misfit", Misfits.NotAHandler.class);

        assertThat(fx.invoke("misfit", "{}")).isInstanceOfSatisfying(InvocationResult.FunctionError.class, e -> {
            assertThat(e.error().errorType()).isEqualTo("HandlerInvalid");
            assertThat(e.error().message()).contains("implements none of");
        });
    }

    @Test
    void recordsAnActivationForEveryOutcome() {
        fx.deploy("hello", Hello.class);
        fx.deploy("thrower", Thrower.class);
        fx.deploy("greeter", Greeter.class);
        fx.deploy("huge", new FunctionConfig(Hello.class.getName(), "java", 10_240, 1_000, 1, 1, Tier.ISOLATED,
                Map.of(), ""), TestJars.of(Hello.class));

        var results = List.of(fx.invoke("hello", "{}"), fx.invoke("thrower", "{}"), fx.invoke("greeter", "1"),
                fx.invoke("huge", "{}"));

        assertThat(fx.store.recorded()).extracting(a -> a.status()).containsExactly(ActivationStatus.SUCCESS,
                ActivationStatus.ERROR, ActivationStatus.ERROR, ActivationStatus.REJECTED);
        assertThat(fx.store.recorded()).extracting(a -> a.id()).containsExactly(results.stream()
                .map(DispatcherTest::activationId).toArray(ActivationId[]::new));
        assertThat(results.getLast()).isInstanceOfSatisfying(InvocationResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.MEMORY));
    }

    @Test
    void unloadsIdleInstancesWhenTheKeepAliveEnds() {
        fx.deploy("hello", Hello.class);
        fx.invoke("hello", "{}");

        assertThat(fx.dispatcher.evictExpired(fx.clock.advance(Duration.ofMinutes(9)))).isZero();
        assertThat(fx.dispatcher.evictExpired(fx.clock.advance(Duration.ofMinutes(1)))).isEqualTo(1);

        assertThat(fx.dispatcher.snapshot()).isEqualTo(new PoolSnapshot(0, 0, 0, 4096));
        assertThat(cold(fx.invoke("hello", "{}"))).isTrue();
    }

    private static ActivationId activationId(InvocationResult result) {
        return switch (result) {
            case InvocationResult.Success s -> s.activationId();
            case InvocationResult.FunctionError e -> e.activationId();
            case InvocationResult.TimedOut t -> t.activationId();
            case InvocationResult.Rejected r -> r.activationId();
            case InvocationResult.InvalidInput i -> i.activationId();
            case InvocationResult.NotFound n -> throw new AssertionError(n.message());
        };
    }

    @Test
    void hidesPlatformClassesFromFunctionCode() {
        fx.deploy("probe", Probe.class);

        assertThat(output(fx.invoke("probe", "\"io.micrometer.core.instrument.MeterRegistry\"")))
                .isEqualTo("\"invisible\"");
        assertThat(output(fx.invoke("probe", "\"dev.kumo.runtime.Dispatcher\""))).isEqualTo("\"invisible\"");
        assertThat(output(fx.invoke("probe", "\"dev.kumo.core.FunctionVersion\""))).isEqualTo("\"invisible\"");
        assertThat(output(fx.invoke("probe", "\"tools.jackson.databind.JsonNode\""))).isEqualTo("\"visible:parent\"");
        assertThat(output(fx.invoke("probe", "\"" + Probe.class.getName() + "\""))).isEqualTo("\"visible:own\"");
    }

    @Test
    void answersNotFoundWithoutRecording() {
        fx.deploy("fn", Hello.class);

        assertThat(fx.invoke("ghost", "{}")).isEqualTo(new InvocationResult.NotFound("function 'ghost' not found"));
        assertThat(fx.invoke("fn", "3", "{}"))
                .isEqualTo(new InvocationResult.NotFound("version '3' of function 'fn' not found"));
        assertThat(fx.invoke("fn", "prod", "{}"))
                .isEqualTo(new InvocationResult.NotFound("alias 'prod' of function 'fn' not found"));
        assertThat(fx.store.recorded()).isEmpty();
    }

    @Test
    void runsPublishedVersionsThroughAliases() {
        fx.deploy("fn", Hello.class);
        fx.store.publish("fn");
        fx.store.aliases().put(new Alias("fn", "prod", "1", Map.of(), "", Instant.EPOCH));

        var result = fx.invoke("fn", "prod", "{}");

        assertThat(result).isInstanceOfSatisfying(InvocationResult.Success.class,
                s -> assertThat(s.version()).isEqualTo("1"));
        assertThat(fx.last().version()).isEqualTo("1");
    }

    @Test
    void aRedeployGetsFreshInstancesAndRetireDropsTheIdleOnes() {
        fx.deploy("fn", Greeter.class);
        var before = fx.invoke("fn", "{}");
        fx.deploy("fn", Greeter.class);

        var after = fx.invoke("fn", "{}");

        assertThat(cold(after)).isTrue();
        assertThat(json(after).get("instance")).isNotEqualTo(json(before).get("instance"));
        assertThat(fx.dispatcher.snapshot().idleInstances()).isEqualTo(2);
        fx.dispatcher.retire("fn");
        assertThat(fx.dispatcher.snapshot()).isEqualTo(new PoolSnapshot(0, 0, 0, 4096));
    }

    @Test
    void countsInvocationsColdStartsAndInstances() {
        fx.deploy("hello", Hello.class);
        fx.deploy("thrower", Thrower.class);

        fx.invoke("hello", "{}");
        fx.invoke("hello", "{}");
        fx.invoke("thrower", "{}");

        var m = fx.meters;
        assertThat(m.get("kumo.invocations").tags("function", "hello", "status", "success").counter().count())
                .isEqualTo(2);
        assertThat(m.get("kumo.invocations").tags("function", "thrower", "status", "error").counter().count())
                .isEqualTo(1);
        assertThat(m.get("kumo.cold.starts").tags("function", "hello").counter().count()).isEqualTo(1);
        assertThat(m.get("kumo.invocation.duration").tags("function", "hello").timer().count()).isEqualTo(2);
        assertThat(m.get("kumo.instances").tags("state", "idle").gauge().value()).isEqualTo(2);
        assertThat(m.get("kumo.instances").tags("state", "busy").gauge().value()).isZero();
        assertThat(m.get("kumo.memory.used.mb").gauge().value()).isEqualTo(256);
        assertThat(m.get("kumo.inflight").gauge().value()).isZero();
    }
}
