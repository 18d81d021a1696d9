package dev.kumo.store.internal;

import dev.kumo.core.ActivationId;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Page;
import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.Enqueued;
import dev.kumo.core.event.FollowUp;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.spi.store.AsyncQueue;
import dev.kumo.store.StoreException;
import dev.kumo.store.internal.AsyncCodec.Claim;
import dev.kumo.store.internal.AsyncMaps.Entry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link AsyncQueue} over the {@link AsyncMaps}. Every change goes through the {@link GroupCommit}: values
 * are encoded (and payloads hashed) on the caller's thread, the I/O thread applies the change whole, and
 * the caller returns once it is journaled and synced, sharing the sync with every change that arrived
 * meanwhile. Reads run on the I/O thread too (they may touch the file) and decode on the caller's.
 *
 * <p>Two interpretations of the contract: {@link #reschedule} and {@link #rescheduleCallback} change
 * nothing when the invocation or delivery is no longer stored (completing it won a race; storing it again
 * would run it twice), and an idempotency key is live while the acceptance time of the new invocation is
 * before the earlier one's acceptance plus the window it was claimed with. Expired keys are deleted by a
 * sweep that runs with a keyed enqueue at most once a minute (on {@code clock}).
 */
public final class MvAsyncQueue implements AsyncQueue {

    private final AsyncMaps maps;
    private final StoreIo io;
    private final GroupCommit commits;
    private final InstantSource clock;

    /**
     * Opens (or creates) the maps of the queue through {@code commits}; {@code clock} times the sweep of
     * expired idempotency keys.
     */
    public MvAsyncQueue(StoreIo io, GroupCommit commits, InstantSource clock) {
        this.maps = io.call(() -> new AsyncMaps(commits));
        this.io = io;
        this.commits = commits;
        this.clock = clock;
        commits.onUndo(maps::reindex);
    }

    @Override
    public Enqueued enqueue(QueuedInvocation invocation, Duration idempotencyWindow) {
        if (idempotencyWindow.isNegative()) {
            throw new IllegalArgumentException("negative idempotency window " + idempotencyWindow);
        }
        var entry = Entry.of(invocation);
        var accepted = new Enqueued.Accepted(invocation.id());
        if (invocation.idempotencyKey().isEmpty()) {
            return commits.commit(() -> {
                maps.putQueued(entry);
                return accepted;
            });
        }
        var key = AsyncKeys.scoped(invocation.function(), invocation.idempotencyKey().get());
        var claim = new Claim(entry.id(), sha256(invocation.payload()),
                expiry(invocation.accepted(), idempotencyWindow));
        return commits.commit(() -> {
            maps.claims.sweepIfDue(AsyncKeys.micros(clock.instant()));
            var earlier = maps.claims.live(key, entry.micros());
            if (earlier.isPresent()) {
                var id = new ActivationId(earlier.get().activation());
                return Arrays.equals(earlier.get().payloadHash(), claim.payloadHash())
                        ? new Enqueued.Duplicate(id) : new Enqueued.Conflict(id);
            }
            maps.claims.put(key, claim);
            maps.putQueued(entry);
            return accepted;
        });
    }

    /** {@inheritDoc} An invocation that carries an idempotency key is a bug: it throws. */
    @Override
    public void enqueueAll(List<QueuedInvocation> invocations) {
        if (invocations.isEmpty()) {
            return;
        }
        invocations.forEach(inv -> {
            if (inv.idempotencyKey().isPresent()) {
                throw new IllegalArgumentException(
                        "invocation " + inv.id() + " of a fan-out carries an idempotency key");
            }
        });
        var entries = invocations.stream().map(Entry::of).toList();
        commits.commit(() -> {
            entries.forEach(maps::putQueued);
            return null;
        });
    }

    /** {@inheritDoc} Stores nothing when the invocation is no longer queued. */
    @Override
    public void reschedule(QueuedInvocation invocation) {
        var entry = Entry.of(invocation);
        commits.commit(() -> maps.replaceQueued(entry));
    }

    @Override
    public void complete(ActivationId id, FollowUp followUp) {
        var letter = followUp.deadLetter().map(Entry::of);
        var invocations = followUp.invocations().stream().map(Entry::of).toList();
        var callbacks = followUp.callbacks().stream().map(Entry::of).toList();
        commits.commit(() -> {
            if (!maps.removeQueued(id.value())) {
                return false;
            }
            letter.ifPresent(maps::putDeadLetter);
            invocations.forEach(maps::putQueued);
            callbacks.forEach(maps::putCallback);
            return true;
        });
    }

    @Override
    public List<QueuedInvocation> pending() {
        return decode(io.call(maps::allQueued), AsyncCodec::decodeInvocation, "queued invocation");
    }

    @Override
    public List<CallbackDelivery> pendingCallbacks() {
        return decode(io.call(maps::allCallbacks), AsyncCodec::decodeCallback, "callback delivery");
    }

    /** {@inheritDoc} Stores nothing when the delivery is no longer pending. */
    @Override
    public void rescheduleCallback(CallbackDelivery delivery) {
        var entry = Entry.of(delivery);
        commits.commit(() -> maps.replaceCallback(entry));
    }

    @Override
    public void callbackDone(ActivationId activation) {
        commits.commit(() -> maps.removeCallback(activation.value()));
    }

    /**
     * {@inheritDoc} The token is the time key of the last dead letter served.
     *
     * @throws InvalidRequestException naming {@code limit} or {@code nextToken} when either is malformed
     */
    @Override
    public Page<DeadLetter> deadLetters(String function, String token, int limit) {
        Pagination.checkLimit(limit);
        InvalidRequestException.require(token.isEmpty() || AsyncKeys.isTimeKey(token), "nextToken",
                "not a dead letter page token: '" + token + "'");
        int count = limit == Integer.MAX_VALUE ? limit : limit + 1;
        var letters = decode(io.call(() -> maps.deadLetters(function, token, count)), AsyncCodec::decodeDeadLetter,
                "dead letter");
        return Pagination.page(letters.iterator(), limit, MvAsyncQueue::token);
    }

    private static String token(DeadLetter letter) {
        return AsyncKeys.timeKey(AsyncKeys.micros(letter.deadLettered()), letter.invocation().id().value());
    }

    @Override
    public Optional<DeadLetter> deadLetter(String function, ActivationId id) {
        return io.call(() -> maps.deadLetter(function, id.value()))
                .map(bytes -> decode(List.of(bytes), AsyncCodec::decodeDeadLetter, "dead letter").getFirst());
    }

    @Override
    public boolean redrive(String function, ActivationId id, QueuedInvocation replacement) {
        var entry = Entry.of(replacement);
        return commits.commit(() -> {
            if (!maps.removeDeadLetter(function, id.value())) {
                return false;
            }
            maps.putQueued(entry);
            return true;
        });
    }

    @Override
    public boolean deleteDeadLetter(String function, ActivationId id) {
        return commits.commit(() -> maps.removeDeadLetter(function, id.value()));
    }

    @Override
    public Optional<Instant> lastFire(String schedule) {
        return Optional.ofNullable(io.call(() -> maps.fires.get(schedule))).map(Instant::parse);
    }

    @Override
    public boolean fire(String schedule, Instant tick, QueuedInvocation invocation) {
        var entry = Entry.of(invocation);
        return commits.commit(() -> {
            var last = maps.fires.get(schedule);
            if (last != null && !Instant.parse(last).isBefore(tick)) {
                return false;
            }
            maps.fires.put(schedule, tick.toString());
            maps.putQueued(entry);
            return true;
        });
    }

    @Override
    public void forgetSchedule(String schedule) {
        commits.commit(() -> maps.fires.remove(schedule) != null);
    }

    /** Number of queued invocations; for tests. */
    public int queuedCount() {
        return io.call(maps::queuedCount);
    }

    /** Number of idempotency keys stored, expired ones not yet swept included; for tests. */
    public long claimCount() {
        return io.call(maps.claims::size);
    }

    private static long expiry(Instant accepted, Duration window) {
        try {
            var end = accepted.plus(window);
            return Math.addExact(Math.multiplyExact(end.getEpochSecond(), 1_000_000L), end.getNano() / 1_000);
        } catch (ArithmeticException | DateTimeException e) {
            return Long.MAX_VALUE;
        }
    }

    private static byte[] sha256(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static <T> List<T> decode(List<byte[]> values, Function<byte[], T> decoder, String what) {
        try {
            return values.stream().map(decoder).toList();
        } catch (RuntimeException e) {
            throw new StoreException("cannot read a stored " + what + ": " + e.getMessage(), e);
        }
    }
}
