package dev.kumo.client;

import org.junit.jupiter.api.AfterEach;

/** Gives each test a fresh {@link StubServer} and a {@link KumoClient} pointed at it, both closed afterwards. */
abstract class WithStubServer {

    final StubServer server = StubServer.start();
    final KumoClient client = KumoClient.create(server.uri());

    @AfterEach
    void close() {
        client.close();
        server.close();
    }
}
