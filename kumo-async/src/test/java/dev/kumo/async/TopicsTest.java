package dev.kumo.async;

import static dev.kumo.async.testing.FakeTarget.echo;
import static dev.kumo.async.testing.FakeTarget.waitingFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kumo.async.testing.MemoryStore;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.AsyncConfig;
import dev.kumo.core.ConflictException;
import dev.kumo.core.LimitExceededException;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.event.Rule;
import dev.kumo.core.event.Trigger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private Fixture fx = new Fixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private Rule rule(String name, String trigger, String function, boolean enabled) {
        return new Rule(name, trigger, function, "$LATEST", enabled, Fixture.T0);
    }

    @Test
    void anEventReachesTheFunctionOfEveryEnabledRule() {
        fx.target.deploy("mail", echo());
        fx.target.deploy("ledger", echo());
        fx.target.deploy("unused", echo());
        fx.start();
        fx.runtime.putTrigger(new Trigger("orders", "new orders", Fixture.T0));
        fx.runtime.putRule(rule("to-mail", "orders", "mail", true));
        fx.runtime.putRule(rule("to-ledger", "orders", "ledger", true));
        fx.runtime.putRule(rule("off", "orders", "unused", false));

        var deliveries = fx.runtime.publish("orders", "{\"id\":7}".getBytes(StandardCharsets.UTF_8));

        assertThat(deliveries).extracting(Delivery::rule, Delivery::function)
                .containsExactlyInAnyOrder(tuple("to-mail", "mail"),
                        tuple("to-ledger", "ledger"));
        fx.awaitAll(deliveries.stream().map(Delivery::activationId).toList(), ActivationStatus.SUCCESS);
        assertThat(fx.target.requests("mail")).singleElement()
                .satisfies(r -> assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":7}"));
        assertThat(fx.target.calls("ledger")).isEqualTo(1);
        assertThat(fx.target.calls("unused")).isZero();
    }

    @Test
    void aTopicWithoutEnabledRulesDeliversNothing() {
        fx.start();
        fx.runtime.putTrigger(new Trigger("quiet", "", Fixture.T0));

        assertThat(fx.runtime.publish("quiet", new byte[0])).isEmpty();
    }

    @Test
    void unknownTriggersAndFunctionsAreNotFound() {
        fx.target.deploy("mail", echo());
        fx.start();

        assertThatThrownBy(() -> fx.runtime.publish("nope", new byte[0])).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.runtime.putRule(rule("r", "nope", "mail", true)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("trigger 'nope'");
        fx.runtime.putTrigger(new Trigger("orders", "", Fixture.T0));
        assertThatThrownBy(() -> fx.runtime.putRule(rule("r", "orders", "ghost", true)))
                .isInstanceOf(NotFoundException.class);
        assertThat(fx.store.rules().all()).isEmpty();
    }

    @Test
    void aTriggerNamedByRulesCannotBeDeleted() {
        fx.target.deploy("mail", echo());
        fx.start();
        fx.runtime.putTrigger(new Trigger("orders", "", Fixture.T0));
        fx.runtime.putRule(rule("a", "orders", "mail", true));
        fx.runtime.putRule(rule("b", "orders", "mail", false));

        assertThatThrownBy(() -> fx.runtime.deleteTrigger("orders")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("a, b");

        assertThat(fx.runtime.deleteRule("a")).isTrue();
        assertThat(fx.runtime.deleteRule("b")).isTrue();
        assertThat(fx.runtime.deleteRule("b")).isFalse();
        assertThat(fx.runtime.deleteTrigger("orders")).isTrue();
        assertThat(fx.runtime.deleteTrigger("orders")).isFalse();
    }

    @Test
    void aFullQueueRefusesTheWholeEvent() {
        fx = new Fixture(new MemoryStore(), 2);
        var gate = new CountDownLatch(1);
        fx.target.deploy("mail", echo());
        fx.target.deploy("jam", 1, AsyncConfig.DEFAULTS, waitingFor(gate));
        fx.start();
        fx.runtime.putTrigger(new Trigger("orders", "", Fixture.T0));
        fx.runtime.putRule(rule("to-mail", "orders", "mail", true));
        fx.runtime.putRule(rule("to-jam", "orders", "jam", true));
        fx.runtime.publish("orders", new byte[0]);
        fx.runtime.publish("orders", new byte[0]);
        Fixture.quickly().until(() -> fx.target.calls("mail") == 2);

        assertThatThrownBy(() -> fx.runtime.publish("orders", new byte[0]))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("'jam'");

        assertThat(fx.store.queue().pending()).extracting(i -> i.function()).containsOnly("jam").hasSize(2);
        Fixture.quickly().until(() -> fx.runtime.stats("mail").equals(new QueueStats(0, 0)));
        gate.countDown();
    }
}
