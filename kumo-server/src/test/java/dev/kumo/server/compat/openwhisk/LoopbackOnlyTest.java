package dev.kumo.server.compat.openwhisk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Router;
import dev.kumo.store.EmbeddedStore;
import dev.kumo.store.StoreOptions;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenWhisk API answers loopback clients only, unless opened; the guest key is bootstrapped once. */
class LoopbackOnlyTest {

    @TempDir
    Path data;

    @Test
    void otherAddressesGetA403UnlessTheApiIsOpened() {
        try (var store = EmbeddedStore.open(data, new StoreOptions(100, Duration.ofDays(1), InstantSource.system()))) {
            var namespaces = new Namespaces(store.namespaces(), InstantSource.system());
            assertThat(namespaces.bootstrapGuest(java.util.Optional.empty())).contains(Namespaces.WELL_KNOWN_GUEST_KEY);
            var json = new JsonCodec();
            var closed = new Router(json);
            new WhiskApi(store, null, null, null, json.mapper(), InstantSource.system(), namespaces, false, f -> { },
                    Duration.ofSeconds(1)).register(closed);
            var open = new Router(json);
            new WhiskApi(store, null, null, null, json.mapper(), InstantSource.system(), namespaces, true, f -> { },
                    Duration.ofSeconds(1)).register(open);
            var headers = new DefaultHttpHeaders().set("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(Namespaces.WELL_KNOWN_GUEST_KEY.getBytes(StandardCharsets.UTF_8)));
            String path = "/api/v1/namespaces/_/triggers";

            var remote = closed.serve(HttpMethod.GET, path, headers, new byte[0], r -> { }, "192.0.2.7");
            assertThat(remote.status().code()).isEqualTo(403);
            assertThat(new String(remote.body(), StandardCharsets.UTF_8)).contains("--openwhisk-allow-remote");
            assertThat(closed.serve(HttpMethod.GET, path, headers, new byte[0], r -> { }, "").status().code())
                    .isEqualTo(403);
            assertThat(closed.serve(HttpMethod.GET, path, headers, new byte[0], r -> { }, "127.0.0.1").status().code())
                    .isEqualTo(200);
            assertThat(closed.serve(HttpMethod.GET, path, headers, new byte[0], r -> { }, "::1").status().code())
                    .isEqualTo(200);
            assertThat(open.serve(HttpMethod.GET, path, headers, new byte[0], r -> { }, "192.0.2.7").status().code())
                    .isEqualTo(200);
        }
    }

    @Test
    void theGuestKeyCanBeReplacedAndARotatedOneIsKept() {
        try (var store = EmbeddedStore.open(data, new StoreOptions(100, Duration.ofDays(1), InstantSource.system()))) {
            var namespaces = new Namespaces(store.namespaces(), InstantSource.system());
            assertThat(namespaces.bootstrapGuest(java.util.Optional.of("me:secret"))).contains("me:secret");
            assertThat(namespaces.authenticate("me:secret")).isPresent();
            assertThat(namespaces.authenticate(Namespaces.WELL_KNOWN_GUEST_KEY)).isEmpty();
            var rotated = namespaces.rotate(Namespaces.GUEST).auth();
            assertThat(namespaces.bootstrapGuest(java.util.Optional.empty())).isEmpty();
            assertThat(namespaces.authenticate(rotated)).map(n -> n.name()).contains(Namespaces.GUEST);
            assertThat(namespaces.authenticate("me:secret")).isEmpty();
            assertThat(namespaces.authenticate("nocolon")).isEmpty();
        }
    }
}
