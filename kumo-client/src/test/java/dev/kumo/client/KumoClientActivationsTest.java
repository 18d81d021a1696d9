package dev.kumo.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KumoClientActivationsTest extends WithStubServer {

    @Test
    void listActivationsSendsTheQuery() {
        server.reply(200, Fixtures.page("older", Fixtures.activation("a1")));

        Page<ActivationInfo> page = client.listActivations(ActivationQuery.recent(20).withFunction("hello")
                .withNextToken("t"));

        assertThat(server.only().path()).isEqualTo("/v1/activations");
        assertThat(server.only().query()).isEqualTo("function=hello&limit=20&nextToken=t");
        assertThat(page.items()).extracting(ActivationInfo::activationId).containsExactly("a1");
        assertThat(page.nextToken()).contains("older");
    }

    @Test
    void recentActivationsOfAllFunctionsNeedOnlyALimit() {
        server.reply(200, Fixtures.page(""));

        client.listActivations(ActivationQuery.recent());

        assertThat(server.only().query()).isEqualTo("limit=50");
    }

    @Test
    void aFailedActivationCarriesItsErrorAndLogs() {
        server.reply(200, Fixtures.activation("a1"));

        ActivationInfo a = client.getActivation("a1");

        assertThat(server.only().path()).isEqualTo("/v1/activations/a1");
        assertThat(a).isEqualTo(new ActivationInfo("a1", "hello", "3", ActivationStatus.ERROR, true,
                Instant.parse("2025-03-01T10:15:30.123Z"), 12.5, 80.25, 0.5, 256, 15, 0, Optional.empty(),
                Optional.of(new ActivationError("java.lang.IllegalStateException", "boom",
                        List.of("com.example.Hello.handle(Hello.java:12)"))), List.of("starting", "failing")));
    }

    @Test
    void aSuccessfulActivationKeepsItsResultAsJsonText() {
        server.reply(200, Fixtures.successfulActivation("a2"));

        ActivationInfo a = client.getActivation("a2");

        assertThat(a.status()).isEqualTo(ActivationStatus.SUCCESS);
        assertThat(a.result()).contains("{\"greeting\":\"hi Ada\"}");
        assertThat(a.error()).isEmpty();
        assertThat(a.toJson()).contains("\"result\" : {", "\"greeting\" : \"hi Ada\"");
    }

    @Test
    void logsAreReadFromTheLogsEndpoint() {
        server.reply(200, "{\"activationId\":\"a1\",\"logs\":[\"one\",\"two\"]}");

        assertThat(client.logs("a1")).containsExactly("one", "two");
        assertThat(server.only().path()).isEqualTo("/v1/activations/a1/logs");
    }
}
