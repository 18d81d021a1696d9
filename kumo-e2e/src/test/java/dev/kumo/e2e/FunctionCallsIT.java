package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.client.ActivationStatus;
import dev.kumo.client.KumoClient;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls between functions over real HTTP: the {@code sum-of-squares} example fans out to {@code square}
 * through {@code ctx.invokeAsync}, and the activation tree shows every call under its caller.
 */
class FunctionCallsIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension();

    @Test
    void sumOfSquaresCallsSquareOncePerNumberAndTheTreeShowsEachCall() {
        var reply = kumo.http().invoke("sum-of-squares", "{\"n\":100}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("sum").asLong()).isEqualTo(328_350L);
        String id = reply.header("Kumo-Activation-Id");

        var raw = kumo.http().get("/v1/activations/" + id + "/tree");
        assertThat(raw.status()).as(raw.body()).isEqualTo(200);
        assertThat(raw.json().get("children")).hasSize(100);

        KumoClient client = KumoClient.create(kumo.node().server.uri());
        var tree = client.activationTree(id);
        assertThat(tree.function()).isEqualTo("sum-of-squares");
        assertThat(tree.parentId()).isEmpty();
        assertThat(tree.children()).hasSize(100).allSatisfy(child -> {
            assertThat(child.function()).isEqualTo("square");
            assertThat(child.status()).isEqualTo(ActivationStatus.SUCCESS);
            assertThat(child.parentId()).contains(id);
            assertThat(child.children()).isEmpty();
        });
        assertThat(new HashSet<>(tree.children().stream().map(c -> c.activationId()).toList())).hasSize(100);
        var child = client.getActivation(tree.children().getFirst().activationId());
        assertThat(child.parentId()).contains(id);
        assertThat(child.result()).isPresent();
    }
}
