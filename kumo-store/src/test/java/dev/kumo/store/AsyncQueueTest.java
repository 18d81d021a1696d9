package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static dev.kumo.store.TestData.keyed;
import static dev.kumo.store.TestData.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Attempt;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.Enqueued;
import dev.kumo.core.event.FollowUp;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.spi.store.AsyncQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncQueueTest {

    static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(T0);
    EmbeddedStore store;
    AsyncQueue queue;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir, TestData.options().withClock(clock));
        queue = store.queue();
    }

    @AfterEach
    void close() {
        store.close();
    }

    void reopenAfterCrash() {
        store.crash();
        open();
    }

    List<ActivationId> pendingIds() {
        return queue.pending().stream().map(QueuedInvocation::id).toList();
    }

    static DeadLetter deadLetter(QueuedInvocation inv, Instant when) {
        return new DeadLetter(inv, when, "retries exhausted after 3 attempts");
    }

    static CallbackDelivery callback(ActivationId id, int attempts) {
        return new CallbackDelivery(id, "https://hooks.example.com/done", "{\"ok\":true}".getBytes(
                StandardCharsets.UTF_8), attempts, T0.plusSeconds(attempts), T0);
    }

    @Test
    void pendingIsOldestAcceptedFirstAndCompletingIsIdempotent() {
        var late = queued("f", T0.plusSeconds(2));
        var early = queued("f", T0);
        var middle = queued("g", T0.plusSeconds(1));
        for (var inv : List.of(late, early, middle)) {
            assertThat(queue.enqueue(inv, HOUR)).isEqualTo(new Enqueued.Accepted(inv.id()));
        }
        assertThat(pendingIds()).containsExactly(early.id(), middle.id(), late.id());
        assertThat(queue.pending().getFirst()).usingRecursiveComparison().isEqualTo(early);

        queue.complete(middle.id(), FollowUp.NONE);
        queue.complete(middle.id(), new FollowUp(Optional.of(deadLetter(middle, T0)), List.of(), List.of()));

        assertThat(pendingIds()).containsExactly(early.id(), late.id());
        assertThat(queue.deadLetter("g", middle.id())).as("completing twice stores nothing").isEmpty();
        reopenAfterCrash();
        assertThat(pendingIds()).containsExactly(early.id(), late.id());
    }

    @Test
    void rescheduleReplacesOnlyAQueuedInvocation() {
        var inv = queued("f", T0);
        queue.enqueue(inv, HOUR);
        var failed = new Attempt(1, ActivationStatus.ERROR, T0, 12.5, Optional.empty(), List.of("oops"));
        var retry = inv.retryAt(T0.plusSeconds(60), failed);

        queue.reschedule(retry);
        assertThat(queue.pending()).singleElement().usingRecursiveComparison().isEqualTo(retry);

        queue.complete(inv.id(), FollowUp.NONE);
        queue.reschedule(retry.retryAt(T0.plusSeconds(120), failed));
        assertThat(queue.pending()).isEmpty();
    }

    @Test
    void completionStoresWhatFollowsInTheSameCommit() {
        var inv = queued("f", T0);
        queue.enqueue(inv, HOUR);
        var letter = deadLetter(inv, T0.plusSeconds(300));
        var destination = queued("on-failure", T0.plusSeconds(300));
        var delivery = callback(inv.id(), 0);

        queue.complete(inv.id(), new FollowUp(Optional.of(letter), List.of(destination), List.of(delivery)));
        reopenAfterCrash();

        assertThat(pendingIds()).containsExactly(destination.id());
        assertThat(queue.deadLetter("f", inv.id())).get().usingRecursiveComparison().isEqualTo(letter);
        assertThat(queue.pendingCallbacks()).singleElement().usingRecursiveComparison().isEqualTo(delivery);
    }

    @Test
    void anIdempotencyKeyAnswersDuplicatesAndConflictsWithinItsWindow() {
        var first = keyed("f", T0, "order-42", "{\"a\":1}");
        assertThat(queue.enqueue(first, HOUR)).isEqualTo(new Enqueued.Accepted(first.id()));

        var retry = keyed("f", T0.plus(Duration.ofMinutes(59)), "order-42", "{\"a\":1}");
        var reuse = keyed("f", T0.plus(Duration.ofMinutes(30)), "order-42", "{\"a\":2}");
        assertThat(queue.enqueue(retry, HOUR)).isEqualTo(new Enqueued.Duplicate(first.id()));
        assertThat(queue.enqueue(reuse, HOUR)).isEqualTo(new Enqueued.Conflict(first.id()));

        var otherFunction = keyed("g", T0, "order-42", "{\"a\":2}");
        assertThat(queue.enqueue(otherFunction, HOUR)).isInstanceOf(Enqueued.Accepted.class);
        queue.complete(first.id(), FollowUp.NONE);
        reopenAfterCrash();
        assertThat(queue.enqueue(retry, HOUR)).as("the key outlives the invocation and a crash")
                .isEqualTo(new Enqueued.Duplicate(first.id()));

        var afterWindow = keyed("f", T0.plus(HOUR), "order-42", "{\"a\":3}");
        assertThat(queue.enqueue(afterWindow, HOUR)).isEqualTo(new Enqueued.Accepted(afterWindow.id()));
        assertThat(queue.enqueue(keyed("f", T0.plus(HOUR), "order-42", "{\"a\":3}"), HOUR))
                .isEqualTo(new Enqueued.Duplicate(afterWindow.id()));
        assertThat(pendingIds()).containsExactlyInAnyOrder(otherFunction.id(), afterWindow.id());
    }

    @Test
    void expiredKeysAreSwept() {
        for (int i = 0; i < 3; i++) {
            queue.enqueue(keyed("f", T0, "key-" + i, "{}"), Duration.ofMinutes(1));
        }
        assertThat(store.idempotencyKeyCount()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(2));
        queue.enqueue(keyed("f", clock.instant(), "key-3", "{}"), Duration.ofMinutes(1));

        assertThat(store.idempotencyKeyCount()).isEqualTo(1);
        assertThat(queue.pending()).hasSize(4);
    }

    @Test
    void deadLettersArePagedOldestFirstPerFunction() {
        var letters = new ArrayList<DeadLetter>();
        for (int i = 0; i < 5; i++) {
            var inv = queued("f", T0);
            queue.enqueue(inv, HOUR);
            var letter = deadLetter(inv, T0.plusSeconds(10 - i));
            letters.add(0, letter);
            queue.complete(inv.id(), new FollowUp(Optional.of(letter), List.of(), List.of()));
        }
        var other = queued("f2", T0);
        queue.enqueue(other, HOUR);
        queue.complete(other.id(), new FollowUp(Optional.of(deadLetter(other, T0)), List.of(), List.of()));

        var first = queue.deadLetters("f", "", 2);
        var second = queue.deadLetters("f", first.nextToken().orElseThrow(), 2);
        var third = queue.deadLetters("f", second.nextToken().orElseThrow(), 2);

        var served = new ArrayList<DeadLetter>();
        for (var page : List.of(first, second, third)) {
            served.addAll(page.items());
        }
        assertThat(served).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(letters);
        assertThat(third.nextToken()).isEmpty();
        assertThat(queue.deadLetters("f", "", 5).nextToken()).isEmpty();
        assertThat(queue.deadLetters("f2", "", 5).items()).hasSize(1);
        assertThat(queue.deadLetters("nobody", "", 5).items()).isEmpty();
        assertThat(queue.deadLetter("f", other.id())).isEmpty();
        assertThat(queue.deadLetter("f2", other.id())).isPresent();
    }

    @Test
    void malformedPageRequestsNameTheirField() {
        assertThatThrownBy(() -> queue.deadLetters("f", "nope", 5))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("nextToken"));
        assertThatThrownBy(() -> queue.deadLetters("f", "", 0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }

    @Test
    void redriveMovesADeadLetterBackOnce() {
        var inv = queued("f", T0);
        queue.enqueue(inv, HOUR);
        queue.complete(inv.id(), new FollowUp(Optional.of(deadLetter(inv, T0)), List.of(), List.of()));
        var replacement = QueuedInvocation.accept(ActivationId.random(), "f", "$LATEST", inv.payload(),
                T0.plusSeconds(60), "redrive:" + inv.id(), Optional.empty(), Optional.empty());

        assertThat(queue.redrive("f", inv.id(), replacement)).isTrue();
        assertThat(queue.redrive("f", inv.id(), replacement)).isFalse();

        assertThat(queue.deadLetter("f", inv.id())).isEmpty();
        assertThat(pendingIds()).containsExactly(replacement.id());
        assertThat(queue.deleteDeadLetter("f", inv.id())).isFalse();
    }

    @Test
    void deletingADeadLetter() {
        var inv = queued("f", T0);
        queue.enqueue(inv, HOUR);
        queue.complete(inv.id(), new FollowUp(Optional.of(deadLetter(inv, T0)), List.of(), List.of()));

        assertThat(queue.deleteDeadLetter("f2", inv.id())).isFalse();
        assertThat(queue.deleteDeadLetter("f", inv.id())).isTrue();
        assertThat(queue.deadLetters("f", "", 10).items()).isEmpty();
    }

    @Test
    void aTickFiresOnceEvenAcrossACrash() {
        var minute = T0.plus(Duration.ofMinutes(1));
        var first = queued("f", minute);
        assertThat(queue.lastFire("every-minute")).isEmpty();

        assertThat(queue.fire("every-minute", minute, first)).isTrue();
        reopenAfterCrash();
        assertThat(queue.lastFire("every-minute")).contains(minute);
        assertThat(queue.fire("every-minute", minute, queued("f", minute))).isFalse();
        assertThat(queue.fire("every-minute", T0, queued("f", T0))).isFalse();

        var next = queued("f", minute.plusSeconds(60));
        assertThat(queue.fire("every-minute", minute.plusSeconds(60), next)).isTrue();
        assertThat(pendingIds()).containsExactly(first.id(), next.id());

        queue.forgetSchedule("every-minute");
        assertThat(queue.lastFire("every-minute")).isEmpty();
        assertThat(queue.fire("every-minute", minute, queued("f", minute))).isTrue();
    }

    @Test
    void callbacksAreRescheduledUntilDone() {
        var inv = queued("f", T0);
        queue.enqueue(inv, HOUR);
        queue.complete(inv.id(), new FollowUp(Optional.empty(), List.of(), List.of(callback(inv.id(), 0))));

        queue.rescheduleCallback(callback(inv.id(), 1));
        assertThat(queue.pendingCallbacks()).singleElement().extracting(CallbackDelivery::attempts).isEqualTo(1);

        queue.callbackDone(inv.id());
        queue.rescheduleCallback(callback(inv.id(), 2));
        assertThat(queue.pendingCallbacks()).isEmpty();
    }

    @Test
    void aFanOutIsStoredWhole() {
        var fanOut = List.of(queued("a", T0), queued("b", T0), queued("c", T0));
        queue.enqueueAll(fanOut);
        assertThat(pendingIds())
                .containsExactlyInAnyOrderElementsOf(fanOut.stream().map(QueuedInvocation::id).toList());

        var withKey = List.of(queued("d", T0), keyed("e", T0, "k", "{}"));
        assertThatThrownBy(() -> queue.enqueueAll(withKey)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.pending()).hasSize(3);
    }
}
