package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeployInvokeIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension();

    @Test
    void examplesAreDeployedAndGreet() {
        var first = kumo.http().invoke("hello", "{\"name\":\"Ada\"}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("message").asString()).isEqualTo("Hello, Ada!");
        assertThat(first.header("Kumo-Activation-Id")).matches("[0-9a-f]{32}");
        assertThat(first.header("Kumo-Version")).isEqualTo("$LATEST");

        var second = kumo.http().invoke("hello", "{\"name\":\"Grace\"}");
        assertThat(second.header("Kumo-Cold-Start")).isEqualTo("false");

        var activation = kumo.http().get("/v1/activations/" + second.header("Kumo-Activation-Id"));
        assertThat(activation.status()).isEqualTo(200);
        var a = activation.json();
        assertThat(a.get("function").asString()).isEqualTo("hello");
        assertThat(a.get("status").asString()).isEqualTo("success");
        assertThat(a.get("coldStart").asBoolean()).isFalse();
        assertThat(a.get("result").get("message").asString()).isEqualTo("Hello, Grace!");
        assertThat(a.get("inputBytes").asLong()).isEqualTo("{\"name\":\"Grace\"}".length());

        var logs = kumo.http().get("/v1/activations/" + second.header("Kumo-Activation-Id") + "/logs").json();
        assertThat(logs.get("logs").toString()).contains("greeting Grace").doesNotContain("greeting Ada");
    }

    @Test
    void firstInvokeOfANewFunctionIsColdThenWarm() {
        var deployed = kumo.http().putJar("/v1/functions/greeter/code?handler=dev.kumo.examples.Hello&memoryMb=128",
                Node.examplesJarBytes());
        assertThat(deployed.status()).isEqualTo(201);
        assertThat(deployed.json().get("codeSha256").asString()).matches("[0-9a-f]{64}");
        assertThat(deployed.json().get("memoryMb").asInt()).isEqualTo(128);

        var cold = kumo.http().invoke("greeter", "{\"name\":\"Lin\"}");
        assertThat(cold.status()).isEqualTo(200);
        assertThat(cold.header("Kumo-Cold-Start")).isEqualTo("true");
        var warm = kumo.http().invoke("greeter", "{}");
        assertThat(warm.header("Kumo-Cold-Start")).isEqualTo("false");
        assertThat(warm.json().get("message").asString()).isEqualTo("Hello, world!");
        assertThat(kumo.http().get("/v1/activations/" + cold.header("Kumo-Activation-Id")).json()
                .get("coldStart").asBoolean()).isTrue();
    }

    @Test
    void jsonDeployWithInlineCodeAndConfigUpdateInPlace() {
        String jar = Base64.getEncoder().encodeToString(Node.examplesJarBytes());
        var created = kumo.http().put("/v1/functions/counter", "{\"handler\":\"dev.kumo.examples.WordCount\","
                + "\"code\":{\"jarBase64\":\"" + jar + "\"},\"env\":{\"MODE\":\"test\"},\"description\":\"words\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("revision").asLong()).isEqualTo(1);

        var updated = kumo.http().put("/v1/functions/counter", "{\"timeoutMs\":5000}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("timeoutMs").asLong()).isEqualTo(5000);
        assertThat(updated.json().get("description").asString()).isEqualTo("words");
        assertThat(updated.json().get("codeSha256").asString()).isEqualTo(created.json().get("codeSha256").asString());
        assertThat(updated.json().get("revision").asLong()).isEqualTo(2);

        var counted = kumo.http().invoke("counter", "\"to be or not to be\"");
        assertThat(counted.status()).isEqualTo(200);
        assertThat(counted.json().get("be").asLong()).isEqualTo(2);
    }

    @Test
    void awsLambdaHandlersDeployUnchanged() {
        var reply = kumo.http().invoke("lambda-hello", "{\"name\":\"Ada\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().asString()).isEqualTo("Hello from a Lambda handler, Ada!");
        var logs = kumo.http().get("/v1/activations/" + reply.header("Kumo-Activation-Id") + "/logs").body();
        assertThat(logs).contains("invoked as lambda-hello");
    }

    @Test
    void echoReturnsAnyJsonAndEmptyBodyIsNull() {
        assertThat(kumo.http().invoke("echo", "[1,{\"a\":true},null]").json().toString()).isEqualTo("[1,{\"a\":true},null]");
        assertThat(kumo.http().invoke("echo", "").body()).isEqualTo("null");
    }

    @Test
    void listingsPaginate() {
        var names = new HashSet<String>();
        String token = "";
        int pages = 0;
        do {
            var page = kumo.http().get("/v1/functions?limit=2" + (token.isEmpty() ? "" : "&nextToken=" + token)).json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(f -> names.add(f.get("name").asString()));
            token = page.has("nextToken") ? page.get("nextToken").asString() : "";
            pages++;
        } while (!token.isEmpty() && pages < 100);
        assertThat(names).contains("hello", "echo", "noop", "sleep", "fail");
        assertThat(pages).isGreaterThan(2);

        kumo.http().invoke("noop", "{}");
        var activations = kumo.http().get("/v1/activations?function=noop&limit=1").json();
        assertThat(activations.get("items")).hasSize(1);
        assertThat(activations.get("items").get(0).get("function").asString()).isEqualTo("noop");
    }

    @Test
    void healthReadinessAndMetrics() {
        assertThat(kumo.http().get("/healthz").status()).isEqualTo(200);
        assertThat(kumo.http().get("/readyz").status()).isEqualTo(200);
        kumo.http().invoke("noop", "{}");
        var metrics = kumo.http().get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("kumo_invocations_total").contains("function=\"noop\"")
                .contains("kumo_cold_starts_total").contains("kumo_inflight");
    }
}
