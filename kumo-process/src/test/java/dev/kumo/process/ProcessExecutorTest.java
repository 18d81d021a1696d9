package dev.kumo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.ActivationId;
import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.spi.executor.Execution;
import dev.kumo.spi.executor.ExecutionResult;
import dev.kumo.spi.executor.FunctionInstance;
import dev.kumo.spi.executor.InstanceSpec;
import dev.kumo.spi.executor.StartResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process executor with real worker processes: Python, Node.js, shell bootstraps. */
class ProcessExecutorTest {

    @TempDir
    Path dir;

    private RuntimeApi api;
    private ProcessExecutor executor;
    private final InstantSource clock = InstantSource.system();

    @BeforeEach
    void create() {
        api = RuntimeApi.create();
        executor = ProcessExecutor.create(Tier.PROCESS, ProcessTierConfig.defaults(dir.resolve("work")), api,
                Confiner.plain(), clock, Optional.empty());
    }

    @AfterEach
    void close() {
        executor.close();
        api.close();
    }

    private FunctionInstance started(InstanceSpec spec) {
        StartResult result = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
        assertThat(result).as("cold start: %s", result).isInstanceOf(StartResult.Started.class);
        return ((StartResult.Started) result).instance();
    }

    private ExecutionResult run(FunctionInstance instance, String payload, Duration timeout) {
        return instance.execute(new Execution(ActivationId.random(), payload.getBytes(StandardCharsets.UTF_8),
                clock.instant().plus(timeout)));
    }

    private static String output(ExecutionResult result) {
        assertThat(result).as("%s", result).isInstanceOf(ExecutionResult.Returned.class);
        return new String(((ExecutionResult.Returned) result).output(), StandardCharsets.UTF_8);
    }

    private static final String PYTHON = """
            import os, sys, time
            print("init of app")
            def handler(event, context):
                print("handling", event.get("n"), context.aws_request_id)
                if event.get("raise"):
                    raise ValueError("bad n: %s" % event.get("n"))
                if event.get("sleep"):
                    time.sleep(event["sleep"])
                if event.get("exit"):
                    os._exit(event["exit"])
                return {"n": event.get("n"), "env": os.environ.get("GREETING"),
                        "fn": os.environ.get("AWS_LAMBDA_FUNCTION_NAME"), "region": os.environ.get("AWS_REGION"),
                        "root": os.environ.get("LAMBDA_TASK_ROOT"), "group": os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME"),
                        "home": os.environ.get("HOME"), "tz": os.environ.get("TZ"),
                        "remaining": context.get_remaining_time_in_millis() > 0}
            """;

    @Test
    void pythonFunctionRunsWithLambdaEnvironmentAndPerInvocationLogs() {
        var spec = Fixtures.spec("py", Runtimes.PYTHON3, "app.handler", Fixtures.zip(dir, Map.of("app.py", PYTHON)),
                30_000, Map.of("GREETING", "hi"));
        StartResult start = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
        assertThat(start).isInstanceOf(StartResult.Started.class);
        assertThat(start.logs()).containsExactly("init of app");
        FunctionInstance instance = ((StartResult.Started) start).instance();

        var id1 = ActivationId.random();
        var first = instance.execute(new Execution(id1, "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                clock.instant().plusSeconds(10)));
        assertThat(output(first)).contains("\"n\": 1", "\"env\": \"hi\"", "\"fn\": \"py\"", "\"region\": \"us-east-1\"",
                "\"group\": \"/aws/lambda/py\"", "\"home\": null", "\"tz\": \":UTC\"", "\"remaining\": true");
        assertThat(first.logs()).containsExactly("handling 1 " + id1.value());
        var second = run(instance, "{\"n\":2}", Duration.ofSeconds(10));
        assertThat(second.logs()).hasSize(1).first().asString().startsWith("handling 2 ");
        assertThat(instance.alive()).isTrue();
    }

    @Test
    void aPythonExceptionIsTheFunctionErrorFieldByField() {
        var spec = Fixtures.spec("pyerr", Runtimes.PYTHON3, "app.handler", Fixtures.zip(dir, Map.of("app.py", PYTHON)),
                30_000, Map.of());
        var result = run(started(spec), "{\"n\":7,\"raise\":true}", Duration.ofSeconds(10));
        assertThat(result).isInstanceOfSatisfying(ExecutionResult.Threw.class, t -> {
            assertThat(t.error().errorType()).isEqualTo("ValueError");
            assertThat(t.error().message()).isEqualTo("bad n: 7");
            assertThat(t.error().stackTrace()).isNotEmpty().anySatisfy(f -> assertThat(f).contains("app.py"));
        });
        assertThat(result.logs()).anySatisfy(l -> assertThat(l).startsWith("handling 7 "))
                .anySatisfy(l -> assertThat(l).contains("ValueError: bad n: 7"));
    }

    @Test
    void theDeadlineKillsTheWorkerAndAnswersTimedOut() {
        var spec = Fixtures.spec("pysleep", Runtimes.PYTHON3, "app.handler", Fixtures.zip(dir, Map.of("app.py", PYTHON)),
                30_000, Map.of());
        FunctionInstance instance = started(spec);
        Instant before = clock.instant();
        var result = run(instance, "{\"n\":3,\"sleep\":30}", Duration.ofMillis(500));
        assertThat(Duration.between(before, clock.instant())).isLessThan(Duration.ofSeconds(5));
        assertThat(result).isInstanceOfSatisfying(ExecutionResult.TimedOut.class,
                t -> await().atMost(Duration.ofSeconds(5)).until(() -> t.ended().toCompletableFuture().isDone()));
        assertThat(instance.alive()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.liveWorkers() == 0);
    }

    @Test
    void aWorkerThatDiesMidInvocationFailsItAsCrashed() {
        var spec = Fixtures.spec("pyexit", Runtimes.PYTHON3, "app.handler", Fixtures.zip(dir, Map.of("app.py", PYTHON)),
                30_000, Map.of());
        FunctionInstance instance = started(spec);
        var result = run(instance, "{\"n\":4,\"exit\":3}", Duration.ofSeconds(20));
        assertThat(result).isInstanceOfSatisfying(ExecutionResult.Threw.class, t -> {
            assertThat(t.error().errorType()).isEqualTo("Runtime.ExitError");
            assertThat(t.error().message()).contains("exit code 3");
        });
        assertThat(result.logs()).anySatisfy(l -> assertThat(l).startsWith("handling 4"));
        assertThat(instance.alive()).isFalse();
    }

    @Test
    void aMissingPythonHandlerIsAnInitErrorFromThePostedBody() {
        var spec = Fixtures.spec("pymissing", Runtimes.PYTHON3, "app.nothing",
                Fixtures.zip(dir, Map.of("app.py", PYTHON)), 30_000, Map.of());
        var result = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
        assertThat(result).isInstanceOfSatisfying(StartResult.Failed.class, f -> {
            assertThat(f.error().errorType()).isEqualTo("Runtime.HandlerNotFound");
            assertThat(f.error().message()).contains("nothing");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.liveWorkers() == 0);
    }

    @Test
    void anInitPastTheDeadlineIsKilledAndTimedOut() {
        var spec = Fixtures.spec("slow-init", Runtimes.PYTHON3, "slow.handler", Fixtures.zip(dir, Map.of("slow.py",
                "import time\nprint('warming up')\ntime.sleep(60)\ndef handler(e, c):\n    return 1\n")), 30_000,
                Map.of());
        Instant before = clock.instant();
        var result = executor.start(spec, ActivationId.random(), clock.instant().plusMillis(1500));
        assertThat(Duration.between(before, clock.instant())).isLessThan(Duration.ofSeconds(10));
        assertThat(result).isInstanceOfSatisfying(StartResult.TimedOut.class,
                t -> await().atMost(Duration.ofSeconds(5)).until(() -> t.ended().toCompletableFuture().isDone()));
        assertThat(result.logs()).containsExactly("warming up");
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.liveWorkers() == 0);
    }

    @Test
    void logsAreBoundedPerActivation() {
        try (var small = ProcessExecutor.create(Tier.PROCESS, ProcessTierConfig.defaults(dir.resolve("small"))
                .withLogLimits(5, 4096), api, Confiner.plain(), clock, Optional.empty())) {
            var spec = Fixtures.spec("chatty", Runtimes.PYTHON3, "chatty.handler", Fixtures.zip(dir, Map.of("chatty.py",
                    "def handler(e, c):\n    for i in range(50):\n        print('line', i)\n    return i\n")), 30_000,
                    Map.of());
            StartResult start = small.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
            var result = run(((StartResult.Started) start).instance(), "{}", Duration.ofSeconds(10));
            assertThat(output(result)).isEqualTo("49");
            assertThat(result.logs()).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4",
                    ActivationLog.TRUNCATED);
        }
    }

    @Test
    void aMissingInterpreterIsRuntimeUnavailable() {
        try (var noNode = ProcessExecutor.create(Tier.PROCESS, ProcessTierConfig.defaults(dir.resolve("nonode")), api,
                Confiner.plain(), clock, dir.resolve("empty-bin").toString())) {
            assertThat(noNode.availability(Runtimes.NODEJS)).isInstanceOfSatisfying(
                    dev.kumo.process.isolation.Availability.Unavailable.class,
                    u -> assertThat(u.reason()).contains("'node'"));
            var spec = Fixtures.spec("nonode", Runtimes.NODEJS, "index.handler",
                    Fixtures.zip(dir, Map.of("index.js", "exports.handler = async () => 1;")), 30_000, Map.of());
            var result = noNode.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
            assertThat(result).isInstanceOfSatisfying(StartResult.Failed.class, f -> {
                assertThat(f.error().errorType()).isEqualTo("RuntimeUnavailable");
                assertThat(f.error().message()).contains("node");
            });
        }
    }

    @Test
    void closingTheExecutorKillsItsWorkers() {
        var spec = Fixtures.spec("closing", Runtimes.PYTHON3, "app.handler", Fixtures.zip(dir, Map.of("app.py", PYTHON)),
                30_000, Map.of());
        var instance = (ProcessInstance) started(spec);
        ProcessHandle worker = ProcessHandle.of(instance.pid()).orElseThrow();
        assertThat(worker.isAlive()).isTrue();
        executor.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !worker.isAlive());
        assertThat(executor.liveWorkers()).isZero();
    }

    @Test
    void aBootstrapThatExitsDuringInitFailsTheColdStart() {
        var spec = Fixtures.spec("sh-exit", Runtimes.PROVIDED, "whatever", Fixtures.zip(dir, Map.of("bootstrap",
                "#!/bin/sh\necho starting up\nexit 4\n")), 30_000, Map.of());
        var result = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
        assertThat(result).isInstanceOfSatisfying(StartResult.Failed.class, f -> {
            assertThat(f.error().errorType()).isEqualTo("Runtime.ExitError");
            assertThat(f.error().message()).contains("exit code 4");
        });
        assertThat(result.logs()).containsExactly("starting up");
    }

    @Test
    void aShellBootstrapSpeaksTheRuntimeApiWithCurlFreeShell() {
        // a provided runtime in plain POSIX shell + python3 for the HTTP calls would be a cheat: use bash's /dev/tcp
        String bootstrap = """
                #!/bin/bash
                host=${AWS_LAMBDA_RUNTIME_API%:*}; port=${AWS_LAMBDA_RUNTIME_API#*:}
                echo "handler is $_HANDLER"
                while true; do
                  exec 3<>/dev/tcp/$host/$port
                  printf 'GET /2018-06-01/runtime/invocation/next HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n' >&3
                  id=""; len=0
                  while IFS= read -r line <&3; do
                    line=${line%$'\\r'}
                    [ -z "$line" ] && break
                    case "$line" in
                      Lambda-Runtime-Aws-Request-Id:*) id=${line#*: };;
                      Content-Length:*) len=${line#*: };;
                    esac
                  done
                  body=$(head -c "$len" <&3); exec 3<&-
                  echo "got $body"
                  out="{\\"echo\\":$body}"
                  exec 3<>/dev/tcp/$host/$port
                  printf 'POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: %s\\r\\nConnection: close\\r\\n\\r\\n%s' "$id" "${#out}" "$out" >&3
                  cat <&3 >/dev/null; exec 3<&-
                done
                """;
        var spec = Fixtures.spec("sh", Runtimes.PROVIDED, "my.handler", Fixtures.zip(dir, Map.of("bootstrap", bootstrap)),
                30_000, Map.of());
        StartResult start = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
        assertThat(start).as("%s", start).isInstanceOf(StartResult.Started.class);
        assertThat(start.logs()).containsExactly("handler is my.handler");
        var result = run(((StartResult.Started) start).instance(), "{\"a\":1}", Duration.ofSeconds(10));
        assertThat(output(result)).isEqualTo("{\"echo\":{\"a\":1}}");
        assertThat(result.logs()).containsExactly("got {\"a\":1}");
    }

    @Test
    void nodeFunctionsRunAsyncAndCallbackStyle() {
        String index = """
                console.log('loading index');
                exports.handler = async (event, context) => {
                  console.log('async got', event.n);
                  if (event.fail) { const e = new TypeError('no good'); throw e; }
                  return { n: event.n, fn: context.functionName, env: process.env.GREETING };
                };
                exports.cb = (event, context, callback) => {
                  setTimeout(() => callback(null, { cb: event.n }), 10);
                };
                """;
        Path zip = Fixtures.zip(dir, Map.of("index.js", index));
        var spec = Fixtures.spec("node", Runtimes.NODEJS, "index.handler", zip, 30_000, Map.of("GREETING", "hey"));
        StartResult start = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
        assertThat(start).as("%s", start).isInstanceOf(StartResult.Started.class);
        assertThat(start.logs()).containsExactly("loading index");
        FunctionInstance instance = ((StartResult.Started) start).instance();
        var ok = run(instance, "{\"n\":5}", Duration.ofSeconds(10));
        assertThat(output(ok)).isEqualTo("{\"n\":5,\"fn\":\"node\",\"env\":\"hey\"}");
        assertThat(ok.logs()).containsExactly("async got 5");
        var failed = run(instance, "{\"n\":6,\"fail\":true}", Duration.ofSeconds(10));
        assertThat(failed).isInstanceOfSatisfying(ExecutionResult.Threw.class, t -> {
            assertThat(t.error().errorType()).isEqualTo("TypeError");
            assertThat(t.error().message()).isEqualTo("no good");
            assertThat(t.error().stackTrace()).isNotEmpty();
        });

        var cbSpec = Fixtures.spec("nodecb", Runtimes.NODEJS, "index.cb", zip, 30_000, Map.of());
        assertThat(output(run(started(cbSpec), "{\"n\":8}", Duration.ofSeconds(10)))).isEqualTo("{\"cb\":8}");
    }

    @Test
    void anEsModuleHandlerIsImported() {
        var spec = Fixtures.spec("node-esm", Runtimes.NODEJS, "lib/main.handler", Fixtures.zip(dir, Map.of(
                "lib/main.mjs", "export const handler = async (event) => ({ esm: true, n: event.n });\n")), 30_000,
                Map.of());
        assertThat(output(run(started(spec), "{\"n\":9}", Duration.ofSeconds(10))))
                .isEqualTo("{\"esm\":true,\"n\":9}");
    }

    @Test
    void aJavaHandlerRunsInAWorkerJvm() {
        Path jar = Fixtures.examplesJar(dir);
        var spec = Fixtures.spec("hello", Runtimes.JAVA, "dev.kumo.examples.Hello", jar, 30_000, Map.of());
        FunctionInstance instance = started(spec);
        var result = run(instance, "{\"name\":\"Ada\"}", Duration.ofSeconds(20));
        assertThat(output(result)).isEqualTo("{\"message\":\"Hello, Ada!\"}");
        assertThat(result.logs()).containsExactly("INFO greeting Ada");

        var lambda = Fixtures.spec("lambda-hello", Runtimes.JAVA, "dev.kumo.examples.LambdaHello", jar, 30_000,
                Map.of());
        assertThat(output(run(started(lambda), "{\"name\":\"Bo\"}", Duration.ofSeconds(20))))
                .isEqualTo("\"Hello from a Lambda handler, Bo!\"");
    }

    @Test
    void aJavaWorkerThatExhaustsItsHeapIsOutOfMemory() {
        Path jar = Fixtures.compiledJar(dir, "Hog", """
                import java.util.ArrayList;
                import java.util.List;
                import java.util.function.Function;
                public class Hog implements Function<Object, Object> {
                    private final List<long[]> kept = new ArrayList<>();
                    public Object apply(Object in) {
                        while (true) {
                            kept.add(new long[1 << 20]);
                        }
                    }
                }
                """);
        var spec = Fixtures.spec("hog", Runtimes.JAVA, "Hog", jar, 30_000, Map.of(), 128, Tier.PROCESS);
        FunctionInstance instance = started(spec);
        var result = run(instance, "{}", Duration.ofSeconds(20));
        assertThat(result).isInstanceOfSatisfying(ExecutionResult.Threw.class,
                t -> assertThat(t.error().errorType()).isEqualTo("Runtime.OutOfMemory"));
        assertThat(instance.alive()).isFalse();
    }

    @Test
    void aMissingJavaHandlerIsAnInitError() {
        var spec = Fixtures.spec("nohandler", Runtimes.JAVA, "dev.kumo.examples.Nope", Fixtures.examplesJar(dir),
                30_000, Map.of());
        var result = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
        assertThat(result).isInstanceOfSatisfying(StartResult.Failed.class,
                f -> assertThat(f.error().errorType()).isEqualTo("HandlerMissing"));
    }
}
