package dev.kumo.runtime;

import static dev.kumo.runtime.Fixture.cold;
import static dev.kumo.runtime.Fixture.json;
import static dev.kumo.runtime.Fixture.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.FunctionConfig;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.Tier;
import dev.kumo.runtime.fn.OwActions;
import dev.kumo.runtime.fn.Pojos;
import dev.kumo.runtime.testing.TestJars;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler styles beyond the interfaces: Lambda's {@code pkg.Class::method} (every parameter list, overload
 * preference, errors) and OpenWhisk's {@code static JsonObject main(JsonObject)}, run through real function jars
 * and class loaders.
 */
class HandlerStylesTest {

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
    void aStaticMethodGetsTheDecodedJsonString() {
        deploy("greet", Pojos.Greeter.class, "greet");

        assertThat(output(fx.invoke("greet", "\"world\""))).isEqualTo("\"hello world\"");
    }

    @Test
    void inputThatDoesNotFitTheParameterIsInvalidInput() {
        deploy("greet", Pojos.Greeter.class, "greet");

        assertThat(fx.invoke("greet", "{\"name\":\"x\"}")).isInstanceOfSatisfying(InvocationResult.InvalidInput.class,
                r -> assertThat(r.message()).startsWith("cannot map the request body to String"));
    }

    @Test
    void anInstanceMethodRunsOnOneInstancePerFunctionInstanceWithTheAwsContext() {
        deploy("count", Pojos.Counter.class, "count");

        var first = fx.invoke("count", "{\"a\":1}");
        var second = fx.invoke("count", "{\"a\":2}");

        assertThat(cold(first)).isTrue();
        assertThat(cold(second)).isFalse();
        assertThat(json(first).get("function").asString()).isEqualTo("count");
        assertThat(json(first).get("input").get("a").asInt()).isEqualTo(1);
        assertThat(json(second).get("calls").asInt()).isEqualTo(2);
        assertThat(json(second).get("instance")).isEqualTo(json(first).get("instance"));
    }

    @Test
    void takesNoParametersOrReturnsNothing() {
        deploy("ping", Pojos.Counter.class, "ping");
        deploy("consume", Pojos.Counter.class, "consume");

        assertThat(output(fx.invoke("ping", "{\"ignored\":true}"))).isEqualTo("\"pong\"");
        assertThat(output(fx.invoke("consume", "{}"))).isEqualTo("null");
    }

    @Test
    void takesKumosContext() {
        deploy("kumo", Pojos.Counter.class, "kumo");

        assertThat(output(fx.invoke("kumo", "21"))).isEqualTo("\"kumo 42\"");
        assertThat(fx.last().logs()).containsExactly("INFO kumo 21");
        assertThat(fx.invoke("kumo", "")).isInstanceOfSatisfying(InvocationResult.InvalidInput.class,
                r -> assertThat(r.message()).isEqualTo("cannot map an empty request body to int"));
    }

    @Test
    void streamsTheRawPayloadAndTheBytesWritten() {
        deploy("copy", Pojos.Streams.class, "copy");
        deploy("echo", Pojos.Streams.class, "echo");

        assertThat(output(fx.invoke("copy", "[1, 2]"))).isEqualTo("{\"length\":6,\"function\":\"copy\"}");
        assertThat(output(fx.invoke("echo", "{\"x\": [true]}"))).isEqualTo("{\"x\": [true]}");
        assertThat(fx.invoke("echo", "not json")).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                e -> assertThat(e.error().errorType()).isEqualTo("InvalidOutput"));
    }

    @Test
    void prefersLongerParameterListsCountingATrailingContextTwice() {
        deploy("handle", Pojos.Overloads.class, "handle");
        deploy("shorter", Pojos.Overloads.class, "shorter");
        deploy("longest", Pojos.Overloads.class, "longest");

        assertThat(output(fx.invoke("handle", "\"x\""))).isEqualTo("\"(I, Context)\"");
        assertThat(output(fx.invoke("shorter", "\"x\""))).isEqualTo("\"(I)\"");
        assertThat(output(fx.invoke("longest", "\"x\""))).isEqualTo("\"(InputStream, OutputStream, Context)\"");
    }

    @Test
    void prefersTheTypedMethodOverTheCompilersBridge() {
        deploy("typed", Pojos.Typed.class, "handleRequest");

        assertThat(output(fx.invoke("typed", "\"7\""))).isEqualTo("\"Integer 7\"");
    }

    @Test
    void throwsWhatTheMethodThrowsUnwrapped() {
        deploy("fail", Pojos.Counter.class, "fail");

        assertThat(fx.invoke("fail", "\"boom\"")).isInstanceOfSatisfying(InvocationResult.FunctionError.class, e -> {
            assertThat(e.error().errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(e.error().message()).isEqualTo("boom");
        });
    }

    @Test
    void staticMethodsNeedNoInstance() {
        deploy("still", Pojos.NeedsArgument.class, "still");
        deploy("fixed", Pojos.Abstract.class, "fixed");

        assertThat(output(fx.invoke("still", ""))).isEqualTo("\"static\"");
        assertThat(output(fx.invoke("fixed", ""))).isEqualTo("\"fixed\"");
    }

    @Test
    void reportsMethodsThatCannotServe() {
        assertInvalid(Pojos.Unusable.class, "nope", "has no public method named 'nope'");
        assertInvalid(Pojos.Unusable.class, "hidden", "has no public method named 'hidden'");
        assertInvalid(Pojos.Unusable.class, "two", "no public method 'two' takes a usable parameter list");
        assertInvalid(Pojos.Unusable.class, "backwards", "usable parameter list");
        assertInvalid(Pojos.Unusable.class, "four", "usable parameter list");
        assertInvalid(Pojos.NeedsArgument.class, "run", "no no-arg constructor");
        assertInvalid(Pojos.Abstract.class, "notReachable", "abstract");
    }

    @Test
    void runsAnOpenWhiskActionNamedByItsClassOrItsMain() {
        fx.deploy("ow", OwActions.Hello.class);
        deploy("ow-main", OwActions.Hello.class, "main");

        for (String name : new String[] {"ow", "ow-main"}) {
            var out = json(fx.invoke(name, "{\"name\":\"Ada\"}"));
            assertThat(out.get("greeting").asString()).isEqualTo("Hello Ada!");
            assertThat(out.get("loader").asString()).isEqualTo("app");
            assertThat(out.has("nothing")).isTrue();
        }
    }

    @Test
    void anOpenWhiskActionInvokedWithoutParametersGetsAnEmptyObject() {
        fx.deploy("ow", OwActions.Hello.class);

        assertThat(json(fx.invoke("ow", "")).get("greeting").asString()).isEqualTo("Hello stranger!");
        assertThat(json(fx.invoke("ow", "null")).get("greeting").asString()).isEqualTo("Hello stranger!");
        assertThat(fx.invoke("ow", "[1]")).isInstanceOfSatisfying(InvocationResult.InvalidInput.class,
                r -> assertThat(r.message()).contains("JsonObject").contains("array"));
        assertThat(fx.invoke("ow", "{'lenient': 1}")).isInstanceOf(InvocationResult.InvalidInput.class);
        assertThat(fx.invoke("ow", "{} {}")).isInstanceOf(InvocationResult.InvalidInput.class);
    }

    @Test
    void writesGsonOutputAsPlainJsonAndRefusesWhatJsonCannotHold() {
        fx.deploy("nan", OwActions.NotANumber.class);

        assertThat(output(fx.invoke("nan", "{}"))).isEqualTo("{\"html\":\"<a href='x'>&</a>\",\"ratio\":0.5}");
        assertThat(fx.invoke("nan", "{\"nan\":true}")).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                e -> assertThat(e.error().errorType()).isEqualTo("InvalidOutput"));
    }

    @Test
    void aJarBundlingItsOwnGsonStillGetsTheRuntimes() {
        byte[] fakeGson = ClassFile.of().build(ClassDesc.of("com.google.gson.JsonObject"), cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC));
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put(TestJars.entry(OwActions.Hello.class), TestJars.classFile(OwActions.Hello.class));
        entries.put("com/google/gson/JsonObject.class", fakeGson);
        fx.deploy("ow", config(OwActions.Hello.class.getName()), TestJars.jar(entries, false));

        assertThat(json(fx.invoke("ow", "{\"name\":\"Bo\"}")).get("greeting").asString()).isEqualTo("Hello Bo!");
    }

    @Test
    void otherStylesMayUseGsonTreesToo() {
        fx.deploy("sizes", OwActions.Sizes.class);

        assertThat(output(fx.invoke("sizes", "[1, {}, null]"))).isEqualTo("{\"size\":3}");
        assertThat(output(fx.invoke("sizes", ""))).isEqualTo("{\"size\":-1}");
        assertThat(fx.invoke("sizes", "{}")).isInstanceOf(InvocationResult.InvalidInput.class);
    }

    @Test
    void anInstanceMainIsNoOpenWhiskAction() {
        fx.deploy("main", OwActions.InstanceMain.class);

        assertThat(fx.invoke("main", "{}")).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                e -> assertThat(e.error().message()).contains("implements none of"));
    }

    private void assertInvalid(Class<?> type, String method, String message) {
        String name = "bad-" + method;
        deploy(name, type, method);
        assertThat(fx.invoke(name, "{}")).as(method).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                e -> {
                    assertThat(e.error().errorType()).isEqualTo("HandlerInvalid");
                    assertThat(e.error().message()).contains(message);
                });
    }

    private void deploy(String name, Class<?> type, String method) {
        fx.deploy(name, config(type.getName() + "::" + method), TestJars.of(type));
    }

    private static FunctionConfig config(String handler) {
        return new FunctionConfig(handler, "java", 128, 5_000, 1, 8, Tier.ISOLATED, Map.of(), "");
    }
}
