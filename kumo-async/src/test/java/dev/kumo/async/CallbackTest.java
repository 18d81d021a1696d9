package dev.kumo.async;

import static dev.kumo.async.testing.FakeTarget.failing;
import static dev.kumo.async.testing.FakeTarget.returning;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kumo.core.ActivationId;
import dev.kumo.core.AsyncConfig;
import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.core.event.FollowUp;
import dev.kumo.core.event.QueuedInvocation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CallbackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Fixture fx = new Fixture();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> activationHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cb", exchange -> {
            received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            activationHeaders.add(exchange.getRequestHeaders().getFirst("Kumo-Activation-Id"));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/cb");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        fx.close();
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private ActivationId invokeWithCallback(String function, String path) {
        return fx.runtime.invoke(Fixture.request(function, "{\"n\":1}", Optional.empty(),
                Optional.of("http://127.0.0.1:" + port() + path))).id();
    }

    @Test
    void aSuccessIsPostedAndRetriedUntilTheReceiverAccepts() {
        fx.target.deploy("hello", returning("{\"greeting\":\"hi\"}"));
        fx.start();
        failuresLeft.set(2);

        ActivationId id = invokeWithCallback("hello", "/cb");

        Fixture.quickly().until(() -> fx.counter("kumo.async.callbacks", "outcome", "delivered") == 1);
        assertThat(received).hasSize(3);
        assertThat(fx.store.queue().pendingCallbacks()).isEmpty();
        JsonNode body = received.getLast();
        assertThat(body.get("activationId").asString()).isEqualTo(id.value());
        assertThat(body.get("function").asString()).isEqualTo("hello");
        assertThat(body.get("version").asString()).isEqualTo("$LATEST");
        assertThat(body.get("status").asString()).isEqualTo("success");
        assertThat(body.get("attempt").asInt()).isEqualTo(1);
        assertThat(body.get("result").get("greeting").asString()).isEqualTo("hi");
        assertThat(body.has("error")).isFalse();
        assertThat(activationHeaders).containsOnly(id.value());
        assertThat(fx.counter("kumo.async.callbacks", "outcome", "retried")).isEqualTo(2);
    }

    @Test
    void aDeadLetterIsPostedWithItsErrorAndGivenUpAfterTheLastTry() {
        fx.target.deploy("broken", 1, new AsyncConfig(0, 3600, Optional.empty(), Optional.empty()), failing());
        fx.start();
        failuresLeft.set(100);

        invokeWithCallback("broken", "/cb");

        Fixture.quickly().until(() -> fx.counter("kumo.async.callbacks", "outcome", "abandoned") == 1);
        assertThat(received).hasSize(3);
        JsonNode body = received.getFirst();
        assertThat(body.get("status").asString()).isEqualTo("dead-lettered");
        assertThat(body.get("attempt").asInt()).isEqualTo(1);
        assertThat(body.get("error").get("message").asString()).isEqualTo("always fails");
        assertThat(body.get("error").get("errorType").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(body.has("result")).isFalse();
        assertThat(fx.store.queue().pendingCallbacks()).isEmpty();
    }

    @Test
    void redirectsAreNotFollowed() {
        fx.target.deploy("hello", returning("1"));
        fx.start();

        invokeWithCallback("hello", "/moved");

        Fixture.quickly().until(() -> fx.counter("kumo.async.callbacks", "outcome", "abandoned") == 1);
        assertThat(received).isEmpty();
    }

    @Test
    void storedCallbacksAreSentAfterARestartUnlessTheirHostIsNoLongerAllowed() {
        var queue = fx.store.queue();
        for (String host : new String[]{"127.0.0.1", "example.com"}) {
            var id = ActivationId.random();
            queue.enqueue(QueuedInvocation.accept(id, "hello", "$LATEST", new byte[0], Fixture.T0, "api",
                    Optional.empty(), Optional.empty()), Duration.ZERO);
            String url = "http://" + host + ":" + port() + "/cb";
            queue.complete(id, new FollowUp(Optional.empty(), List.of(), List.of(new CallbackDelivery(id, url,
                    "{\"stored\":true}".getBytes(StandardCharsets.UTF_8), 1, Fixture.T0, Fixture.T0))));
        }

        fx.start();

        Fixture.quickly().until(() -> fx.counter("kumo.async.callbacks", "outcome", "abandoned") == 1
                && fx.counter("kumo.async.callbacks", "outcome", "delivered") == 1);
        assertThat(received).extracting(b -> b.get("stored").asBoolean()).containsExactly(true);
        assertThat(queue.pendingCallbacks()).isEmpty();
    }
}
