package dev.kumo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimesTest {

    @Test
    void lambdaRuntimeIdsMapOntoKumosRuntimes() {
        for (String id : List.of("java", "java25", "java8.al2", "java11", "java17", "java21", "JAVA21")) {
            assertThat(Runtimes.canonical(id)).as(id).isEqualTo(Runtimes.JAVA);
        }
        for (String id : List.of("provided", "provided.al2", "provided.al2023")) {
            assertThat(Runtimes.canonical(id)).as(id).isEqualTo(Runtimes.PROVIDED);
        }
        for (String id : List.of("nodejs", "nodejs18.x", "nodejs20.x", "nodejs22.x")) {
            assertThat(Runtimes.canonical(id)).as(id).isEqualTo(Runtimes.NODEJS);
        }
        for (String id : List.of("python3", "python3.9", "python3.12", "python3.13")) {
            assertThat(Runtimes.canonical(id)).as(id).isEqualTo(Runtimes.PYTHON3);
        }
    }

    @Test
    void anUnknownRuntimeNamesTheField() {
        for (String id : List.of("ruby3.3", "dotnet8", "python2.7", "go1.x", "")) {
            assertThatThrownBy(() -> Runtimes.canonical(id)).as(id)
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("runtime"));
        }
    }

    @Test
    void handlersAreCheckedInTheFormOfTheirRuntime() {
        assertThat(config("java", "com.example.Hello", Tier.ISOLATED).handler()).isEqualTo("com.example.Hello");
        assertThat(config("java21", "com.example.Pojo::handleRequest", Tier.SHARED).runtime()).isEqualTo("java");
        assertThat(config("nodejs20.x", "index.handler", Tier.PROCESS).runtime()).isEqualTo("nodejs");
        assertThat(config("python3.12", "src/app.handler", Tier.SANDBOX).runtime()).isEqualTo("python3");
        assertThat(config("provided.al2023", "anything goes", Tier.PROCESS).runtime()).isEqualTo("provided");

        for (var bad : List.of(List.of("java", "index.js::"), List.of("java", "com.example.Hello::"),
                List.of("nodejs", "index"), List.of("python3", "../up.handler"), List.of("provided", "a\nb"))) {
            assertThatThrownBy(() -> config(bad.get(0), bad.get(1), Tier.PROCESS)).as(bad.toString())
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("handler"));
        }
    }

    @Test
    void otherRuntimesThanJavaNeedAWorkerProcess() {
        assertThatThrownBy(() -> config("python3", "app.handler", Tier.ISOLATED))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("tier");
                    assertThat(e.getMessage()).contains("tier must be process or sandbox");
                });
        assertThat(config("java", "com.example.Hello", Tier.PROCESS).tier()).isEqualTo(Tier.PROCESS);
    }

    @Test
    void onlyTheSandboxRunsWithoutNetworkAndDoesSoByDefault() {
        assertThat(config("python3", "app.handler", Tier.SANDBOX).network()).isEqualTo(FunctionConfig.NETWORK_NONE);
        assertThat(config("python3", "app.handler", Tier.PROCESS).network()).isEqualTo(FunctionConfig.NETWORK_EGRESS);
        assertThat(config("java", "a.B", Tier.ISOLATED).network()).isEqualTo(FunctionConfig.NETWORK_EGRESS);
        assertThat(new FunctionConfig("app.handler", "python3", 256, 1000, 1, 1, Tier.SANDBOX, Map.of(), "", null,
                "egress").network()).isEqualTo("egress");
        for (var bad : List.of(List.of("PROCESS", "none"), List.of("SANDBOX", "vpc"))) {
            assertThatThrownBy(() -> new FunctionConfig("app.handler", "python3", 256, 1000, 1, 1,
                    Tier.valueOf(bad.get(0)), Map.of(), "", null, bad.get(1))).as(bad.toString())
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("network"));
        }
    }

    @Test
    void workerErrorTypesHaveTheirOwnStatus() {
        assertThat(ActivationStatus.ofError(new ErrorInfo("Runtime.OutOfMemory", "m", List.of())))
                .isEqualTo(ActivationStatus.OUT_OF_MEMORY);
        assertThat(ActivationStatus.ofError(new ErrorInfo("Runtime.ExitError", "m", List.of())))
                .isEqualTo(ActivationStatus.CRASHED);
        assertThat(ActivationStatus.ofError(new ErrorInfo("KeyError", "m", List.of())))
                .isEqualTo(ActivationStatus.ERROR);
        assertThat(ActivationStatus.parse("out-of-memory")).isEqualTo(ActivationStatus.OUT_OF_MEMORY);
        assertThat(ActivationStatus.parse("init-error")).isEqualTo(ActivationStatus.INIT_ERROR);
    }

    @Test
    void arnsAreUnqualifiedForLatest() {
        assertThat(FunctionArn.of("hello", FunctionVersion.LATEST))
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:hello");
        assertThat(FunctionArn.of("eu-west-1", "hello", "3"))
                .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:hello:3");
    }

    private static FunctionConfig config(String runtime, String handler, Tier tier) {
        return new FunctionConfig(handler, runtime, 256, 1000, 1, 1, tier, Map.of(), "");
    }
}
