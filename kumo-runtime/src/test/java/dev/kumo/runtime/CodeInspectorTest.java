package dev.kumo.runtime;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.runtime.fn.Greeter;
import dev.kumo.runtime.fn.Hello;
import dev.kumo.runtime.fn.Misfits;
import dev.kumo.runtime.fn.OwActions;
import dev.kumo.runtime.fn.Pojos;
import dev.kumo.runtime.fn.Upper;
import dev.kumo.runtime.testing.TestJars;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeInspectorTest {

    private static final ClassDesc SYSTEM = ClassDesc.of("java.lang.System");
    private static final ClassDesc RUNTIME = ClassDesc.of("java.lang.Runtime");
    private static final MethodTypeDesc INT_TO_VOID = MethodTypeDesc.of(CD_void, CD_int);

    @Test
    void cleanJarPasses() {
        assertThat(CodeInspector.inspect(TestJars.of(Greeter.class), Greeter.class.getName()))
                .isEqualTo(new Inspection.Ok());
        assertThat(CodeInspector.inspect(TestJars.of(Upper.class), Upper.class.getName()))
                .isEqualTo(new Inspection.Ok());
    }

    @Test
    void findsSystemExitInGeneratedCode() {
        byte[] evil = generate("evil.Exit", "shutdown", code -> code
                .iconst_0()
                .invokestatic(SYSTEM, "exit", INT_TO_VOID)
                .return_());
        var result = CodeInspector.inspect(jarWith(Hello.class, "evil/Exit.class", evil), Hello.class.getName());

        assertThat(result).isEqualTo(new Inspection.ForbiddenCalls(
                List.of(new ForbiddenCall("evil.Exit", "shutdown", "java.lang.System.exit"))));
    }

    @Test
    void findsRuntimeHaltAndExit() {
        byte[] evil = generate("evil.Halt", "stop", code -> code
                .invokestatic(RUNTIME, "getRuntime", MethodTypeDesc.of(RUNTIME))
                .iconst_1()
                .invokevirtual(RUNTIME, "halt", INT_TO_VOID)
                .invokestatic(RUNTIME, "getRuntime", MethodTypeDesc.of(RUNTIME))
                .iconst_1()
                .invokevirtual(RUNTIME, "exit", INT_TO_VOID)
                .return_());
        var result = CodeInspector.inspect(jarWith(Hello.class, "evil/Halt.class", evil), Hello.class.getName());

        assertThat(result).isInstanceOfSatisfying(Inspection.ForbiddenCalls.class, f -> assertThat(f.calls())
                .extracting(ForbiddenCall::target)
                .containsExactly("java.lang.Runtime.halt", "java.lang.Runtime.exit"));
    }

    @Test
    void findsMethodHandleConstants() {
        byte[] evil = generate("evil.Handle", "handle", code -> code
                .ldc(MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, SYSTEM, "exit", INT_TO_VOID))
                .pop()
                .return_());
        var result = CodeInspector.inspect(jarWith(Hello.class, "evil/Handle.class", evil), Hello.class.getName());

        assertThat(result).isEqualTo(new Inspection.ForbiddenCalls(
                List.of(new ForbiddenCall("evil.Handle", "handle", "java.lang.System.exit"))));
    }

    @Test
    void findsMethodReferencesCompiledByJavac() {
        var result = CodeInspector.inspect(TestJars.of(Misfits.ExitByReference.class),
                Misfits.ExitByReference.class.getName());

        assertThat(result).isEqualTo(new Inspection.ForbiddenCalls(List.of(new ForbiddenCall(
                Misfits.ExitByReference.class.getName(), "handle", "java.lang.System.exit"))));
    }

    @Test
    void findsCallsInMultiReleaseEntries() {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put(TestJars.entry(Hello.class), TestJars.classFile(Hello.class));
        entries.put("META-INF/versions/21/" + TestJars.entry(Misfits.Halter.class),
                TestJars.classFile(Misfits.Halter.class));

        var result = CodeInspector.inspect(TestJars.jar(entries, true), Hello.class.getName());

        assertThat(result).isEqualTo(new Inspection.ForbiddenCalls(List.of(new ForbiddenCall(
                Misfits.Halter.class.getName(), "handle", "java.lang.Runtime.halt"))));
    }

    @Test
    void reportsMissingHandler() {
        assertThat(CodeInspector.inspect(TestJars.of(Hello.class), "com.example.Nope"))
                .isEqualTo(new Inspection.HandlerMissing("com.example.Nope"));
    }

    @Test
    void reportsInvalidHandlers() {
        assertThat(inspect(Misfits.AbstractHandler.class)).isInstanceOfSatisfying(Inspection.HandlerInvalid.class,
                h -> assertThat(h.reason()).contains("abstract"));
        assertThat(inspect(Misfits.NeedsArgument.class)).isInstanceOfSatisfying(Inspection.HandlerInvalid.class,
                h -> assertThat(h.reason()).contains("no public no-arg constructor"));
        assertThat(inspect(Misfits.NotAHandler.class)).isInstanceOfSatisfying(Inspection.HandlerInvalid.class,
                h -> assertThat(h.reason()).contains("implements none of"));
        assertThat(inspect(Misfits.HandlerInterface.class)).isInstanceOfSatisfying(Inspection.HandlerInvalid.class,
                h -> assertThat(h.reason()).contains("interface"));
    }

    @Test
    void followsSupertypesInsideTheJar() {
        byte[] jar = TestJars.of(Misfits.Base.class, Misfits.Derived.class);
        assertThat(CodeInspector.inspect(jar, Misfits.Derived.class.getName())).isEqualTo(new Inspection.Ok());
    }

    @Test
    void isLenientAboutUnknownSupertypesOutsideTheJar() {
        byte[] lib = ClassFile.of().build(ClassDesc.of("app.Fn"), cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC)
                .withSuperclass(ClassDesc.of("org.somelib.BaseHandler"))
                .withMethodBody("<init>", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC, code -> code
                        .aload(0)
                        .invokespecial(ClassDesc.of("org.somelib.BaseHandler"), "<init>", MethodTypeDesc.of(CD_void))
                        .return_()));
        assertThat(CodeInspector.inspect(TestJars.jar(Map.of("app/Fn.class", lib), false), "app.Fn"))
                .isEqualTo(new Inspection.Ok());
    }

    @Test
    void acceptsPublicMethodsWithALambdaParameterList() {
        for (String handler : List.of("Greeter::greet", "Counter::count", "Counter::ping", "Counter::kumo",
                "Streams::copy", "Streams::echo", "Overloads::handle", "Typed::handleRequest", "NeedsArgument::still",
                "Abstract::fixed")) {
            assertThat(CodeInspector.inspect(TestJars.of(Pojos.class), Pojos.class.getName() + "$" + handler))
                    .as(handler).isEqualTo(new Inspection.Ok());
        }
    }

    @Test
    void rejectsMethodsThatCannotServeNamingTheHandler() {
        assertMethodInvalid("Unusable::nope", "class " + Pojos.Unusable.class.getName()
                + " has no public method named 'nope'");
        assertMethodInvalid("Unusable::hidden", "has no public method named 'hidden'");
        assertMethodInvalid("Unusable::two", "no public method 'two' of " + Pojos.Unusable.class.getName()
                + " takes a usable parameter list");
        assertMethodInvalid("Unusable::backwards", "usable parameter list");
        assertMethodInvalid("Unusable::four", "usable parameter list");
        assertMethodInvalid("NeedsArgument::run", "no public no-arg constructor");
        assertMethodInvalid("Abstract::notReachable", "abstract");
        assertMethodInvalid("Typed::handle", "has no public method named 'handle'");
        assertThat(CodeInspector.inspect(TestJars.of(Pojos.class), "com.example.Nope::run"))
                .isEqualTo(new Inspection.HandlerMissing("com.example.Nope"));
    }

    @Test
    void followsMethodsInheritedInsideTheJarAndTrustsUnknownSupertypes() {
        byte[] both = TestJars.of(Pojos.Counter.class, Pojos.ChildCounter.class);
        byte[] childOnly = TestJars.jar(Map.of(TestJars.entry(Pojos.ChildCounter.class),
                TestJars.classFile(Pojos.ChildCounter.class)), false);
        String child = Pojos.ChildCounter.class.getName();

        assertThat(CodeInspector.inspect(both, child + "::ping")).isEqualTo(new Inspection.Ok());
        assertThat(CodeInspector.inspect(both, child + "::nope")).isInstanceOf(Inspection.HandlerInvalid.class);
        assertThat(CodeInspector.inspect(childOnly, child + "::nope")).isEqualTo(new Inspection.Ok());
    }

    @Test
    void acceptsAnOpenWhiskActionByItsStaticMain() {
        assertThat(inspect(OwActions.Hello.class)).isEqualTo(new Inspection.Ok());
        assertThat(CodeInspector.inspect(TestJars.of(OwActions.Hello.class), OwActions.Hello.class.getName()
                + "::main")).isEqualTo(new Inspection.Ok());
        assertThat(inspect(OwActions.InstanceMain.class)).isInstanceOfSatisfying(Inspection.HandlerInvalid.class,
                h -> assertThat(h.reason()).contains("implements none of")
                        .contains("main(com.google.gson.JsonObject)"));
    }

    @Test
    void rejectsWhatIsNotAJar() {
        assertThat(CodeInspector.inspect("hello".getBytes(), "a.B")).isInstanceOf(Inspection.NotAJar.class);
        assertThat(CodeInspector.inspect(new byte[0], "a.B")).isInstanceOf(Inspection.NotAJar.class);
        byte[] broken = TestJars.jar(Map.of("a/B.class", new byte[] {1, 2, 3}), false);
        assertThat(CodeInspector.inspect(broken, "a.B")).isInstanceOfSatisfying(Inspection.NotAJar.class,
                n -> assertThat(n.reason()).contains("a/B.class"));
    }

    private static void assertMethodInvalid(String handler, String reason) {
        String full = Pojos.class.getName() + "$" + handler;
        assertThat(CodeInspector.inspect(TestJars.of(Pojos.class), full)).as(handler)
                .isInstanceOfSatisfying(Inspection.HandlerInvalid.class, h -> {
                    assertThat(h.handler()).isEqualTo(full);
                    assertThat(h.reason()).contains(reason);
                });
    }

    private static Inspection inspect(Class<?> handler) {
        return CodeInspector.inspect(TestJars.of(handler), handler.getName());
    }

    private static byte[] generate(String className, String method,
                                   java.util.function.Consumer<java.lang.classfile.CodeBuilder> body) {
        return ClassFile.of().build(ClassDesc.of(className), cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC)
                .withSuperclass(CD_Object)
                .withMethodBody(method, MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        body));
    }

    private static byte[] jarWith(Class<?> handler, String entry, byte[] classFile) {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put(TestJars.entry(handler), TestJars.classFile(handler));
        entries.put(entry, classFile);
        return TestJars.jar(entries, false);
    }
}
