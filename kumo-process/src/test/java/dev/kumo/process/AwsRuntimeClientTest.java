package dev.kumo.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.ActivationId;
import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.spi.executor.Execution;
import dev.kumo.spi.executor.ExecutionResult;
import dev.kumo.spi.executor.StartResult;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's own Java runtime interface client ({@code aws-lambda-java-runtime-interface-client}), unchanged, as the
 * {@code bootstrap} of a {@code provided} function: it polls Kumo's endpoint, runs an AWS {@code RequestHandler}
 * and posts its result. Proves the Runtime API is the one AWS's clients expect.
 */
class AwsRuntimeClientTest {

    @TempDir
    Path dir;

    @Test
    void awsRuntimeInterfaceClientServesInvocationsUnchanged() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = String.join(File.pathSeparator,
                jarOf("com.amazonaws.services.lambda.runtime.api.client.AWSLambda"),
                jarOf("com.amazonaws.services.lambda.runtime.RequestHandler"),
                jarOf("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer"),
                jarOf("software.amazon.awssdk.utilslite.SdkInternalThreadLocal"),
                Fixtures.examplesJar(dir).toString());
        String bootstrap = "#!/bin/sh\nexec \"$KUMO_TEST_JAVA\" -XX:TieredStopAtLevel=1 -cp \"$KUMO_TEST_CP\""
                + " com.amazonaws.services.lambda.runtime.api.client.AWSLambda \"$_HANDLER\"\n";
        var spec = Fixtures.spec("ric", Runtimes.PROVIDED, "dev.kumo.examples.LambdaHello::handleRequest",
                Fixtures.zip(dir, Map.of("bootstrap", bootstrap)), 60_000,
                Map.of("KUMO_TEST_JAVA", java, "KUMO_TEST_CP", classPath));
        InstantSource clock = InstantSource.system();
        try (var api = RuntimeApi.create(); var executor = ProcessExecutor.create(Tier.PROCESS,
                ProcessTierConfig.defaults(dir.resolve("work")), api, Confiner.plain(), clock, Optional.empty())) {
            StartResult start = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(30));
            assertThat(start).as("%s", start).isInstanceOf(StartResult.Started.class);
            var instance = ((StartResult.Started) start).instance();
            for (String name : new String[] {"Ada", "Grace"}) {
                var result = instance.execute(new Execution(ActivationId.random(),
                        ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8), clock.instant().plusSeconds(30)));
                assertThat(result).as("%s", result).isInstanceOfSatisfying(ExecutionResult.Returned.class,
                        r -> assertThat(new String(r.output(), StandardCharsets.UTF_8))
                                .isEqualTo("\"Hello from a Lambda handler, " + name + "!\""));
                // no assertion on logs: outside Lambda (no telemetry file descriptor) the client buffers its
                // logger's output on stdout and writes it after the response, where it belongs to no activation
            }
        }
    }

    private static String jarOf(String className) throws Exception {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
