package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VersionsAliasesIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension();

    @BeforeAll
    static void start() {
        assertThat(kumo.http().putJar("/v1/functions/canary/code?handler=dev.kumo.examples.Hello",
                Node.examplesJarBytes()).status()).isEqualTo(201);
    }

    @Test
    void publishAliasesAndWeightedCanary() {
        var v1 = kumo.http().post("/v1/functions/canary/versions", "{\"description\":\"first\"}");
        assertThat(v1.status()).isEqualTo(201);
        assertThat(v1.json().get("version").asString()).isEqualTo("1");
        var again = kumo.http().post("/v1/functions/canary/versions", "");
        assertThat(again.status()).as("unchanged $LATEST reuses the newest version").isEqualTo(200);
        assertThat(again.json().get("version").asString()).isEqualTo("1");

        // the draft changes in place; published version 1 does not
        assertThat(kumo.http().put("/v1/functions/canary", "{\"handler\":\"dev.kumo.examples.Echo\"}").status())
                .isEqualTo(200);
        var v2 = kumo.http().post("/v1/functions/canary/versions", "{}");
        assertThat(v2.json().get("version").asString()).isEqualTo("2");
        assertThat(kumo.http().get("/v1/functions/canary/versions/1").json().get("handler").asString())
                .isEqualTo("dev.kumo.examples.Hello");
        assertThat(kumo.http().get("/v1/functions/canary/versions").json().get("items")).hasSize(2);

        var v1Reply = kumo.http().post("/v1/functions/canary/invoke?qualifier=1", "{\"name\":\"v1\"}");
        assertThat(v1Reply.json().get("message").asString()).isEqualTo("Hello, v1!");
        assertThat(v1Reply.header("Kumo-Version")).isEqualTo("1");
        var v2Reply = kumo.http().post("/v1/functions/canary/invoke?qualifier=2", "{\"name\":\"v2\"}");
        assertThat(v2Reply.json().get("name").asString()).isEqualTo("v2");

        var alias = kumo.http().put("/v1/functions/canary/aliases/live",
                "{\"version\":\"1\",\"additionalVersionWeights\":{\"2\":0.25}}");
        assertThat(alias.status()).isEqualTo(200);
        assertThat(kumo.http().get("/v1/functions/canary?qualifier=live").json().get("version").asString())
                .isEqualTo("1");

        int n = 1000;
        int toV2 = 0;
        for (int i = 0; i < n; i++) {
            var reply = kumo.http().post("/v1/functions/canary/invoke?qualifier=live", "{\"name\":\"x\"}");
            assertThat(reply.status()).isEqualTo(200);
            if (reply.header("Kumo-Version").equals("2")) {
                toV2++;
            }
        }
        // 25% of 1000 with a tolerance of about 3.6 standard deviations
        assertThat(toV2).isBetween(200, 300);

        var conflict = kumo.http().delete("/v1/functions/canary/versions/2");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("error").get("code").asString()).isEqualTo("Conflict");

        assertThat(kumo.http().put("/v1/functions/canary/aliases/live", "{\"version\":\"9\"}").status()).isEqualTo(400);
        assertThat(kumo.http().get("/v1/functions/canary/aliases").json().get("items")).hasSize(1);
        assertThat(kumo.http().delete("/v1/functions/canary/aliases/live").status()).isEqualTo(204);
        assertThat(kumo.http().delete("/v1/functions/canary/versions/2").status()).isEqualTo(204);
        assertThat(kumo.http().get("/v1/functions/canary/versions/2").status()).isEqualTo(404);
        assertThat(kumo.http().delete("/v1/functions/canary/versions/$LATEST").status()).isEqualTo(400);
    }

    @Test
    void deletingAFunctionRemovesItsVersions() {
        assertThat(kumo.http().putJar("/v1/functions/short-lived/code?handler=dev.kumo.examples.Hello",
                Node.examplesJarBytes()).status()).isEqualTo(201);
        assertThat(kumo.http().post("/v1/functions/short-lived/versions", "").status()).isEqualTo(201);
        assertThat(kumo.http().invoke("short-lived", "{}").status()).isEqualTo(200);
        assertThat(kumo.http().delete("/v1/functions/short-lived").status()).isEqualTo(204);
        assertThat(kumo.http().invoke("short-lived", "{}").status()).isEqualTo(404);
        assertThat(kumo.http().post("/v1/functions/short-lived/invoke?qualifier=1", "{}").status()).isEqualTo(404);
        assertThat(kumo.http().delete("/v1/functions/short-lived").status()).isEqualTo(404);
    }
}
