package dev.kumo.store.internal;

import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.QueuedInvocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The journaled maps of the {@link MvAsyncQueue}, used only on the {@link StoreIo} thread:
 * <ul>
 *   <li>{@code async.queue}: the time key of the acceptance time and id of each queued invocation, to the
 *       invocation. Keys follow arrival, so the puts of one commit share the rightmost B-tree leaves (keyed
 *       by the random id, each would copy a leaf of its own: many times the bytes written per commit), and
 *       iteration is oldest accepted first. An in-memory index maps each id to its acceptance time, about
 *       120 bytes per queued invocation; payloads stay in MVStore.</li>
 *   <li>{@code async.deadLetters}: function, NUL and the time key of the dead-lettering, to the dead letter;
 *       {@code async.deadLetters.ids}: function, NUL and id, to the time digits of that key.</li>
 *   <li>{@code async.callbacks}: activation id to its pending callback delivery.</li>
 *   <li>{@code async.fires}: schedule name to the ISO-8601 tick of its last fire.</li>
 *   <li>the {@link IdempotencyClaims}.</li>
 * </ul>
 */
final class AsyncMaps {

    /**
     * An encoded value and the parts of its keys, prepared on the caller's thread.
     *
     * @param function function name (dead letters)
     * @param id       activation id
     * @param micros   acceptance time (invocations) or dead-lettering time (dead letters)
     * @param bytes    the value
     */
    record Entry(String function, String id, long micros, byte[] bytes) {

        static Entry of(QueuedInvocation inv) {
            return new Entry(inv.function(), inv.id().value(), AsyncKeys.micros(inv.accepted()),
                    AsyncCodec.encode(inv));
        }

        static Entry of(DeadLetter letter) {
            var inv = letter.invocation();
            return new Entry(inv.function(), inv.id().value(), AsyncKeys.micros(letter.deadLettered()),
                    AsyncCodec.encode(letter));
        }

        static Entry of(CallbackDelivery delivery) {
            return new Entry("", delivery.activation().value(), 0, AsyncCodec.encode(delivery));
        }
    }

    final JournaledMap<String> fires;
    final IdempotencyClaims claims;
    private final JournaledMap<byte[]> queued;
    private final JournaledMap<byte[]> deadLetters;
    private final JournaledMap<String> deadLetterTimes;
    private final JournaledMap<byte[]> callbacks;
    private final HashMap<String, Long> acceptedMicros = new HashMap<>();

    /** Opens (or creates) the maps and indexes the queue from its keys; on the I/O thread. */
    AsyncMaps(GroupCommit commits) {
        this.queued = commits.bytesMap("async.queue");
        this.deadLetters = commits.bytesMap("async.deadLetters");
        this.deadLetterTimes = commits.stringMap("async.deadLetters.ids");
        this.callbacks = commits.bytesMap("async.callbacks");
        this.fires = commits.stringMap("async.fires");
        this.claims = new IdempotencyClaims(commits);
        reindex();
    }

    /** Rebuilds the in-memory index from the keys of the queue (after opening, or a rollback). */
    void reindex() {
        acceptedMicros.clear();
        for (var it = queued.keys(null); it.hasNext(); ) {
            var key = it.next();
            acceptedMicros.put(AsyncKeys.id(key), AsyncKeys.micros(key));
        }
    }

    /** Queues an invocation, replacing one with the same id. */
    void putQueued(Entry entry) {
        var previous = acceptedMicros.put(entry.id(), entry.micros());
        if (previous != null && previous != entry.micros()) {
            queued.remove(AsyncKeys.timeKey(previous, entry.id()));
        }
        queued.put(AsyncKeys.timeKey(entry.micros(), entry.id()), entry.bytes());
    }

    /** Replaces a queued invocation; false (and nothing stored) when it is not queued. */
    boolean replaceQueued(Entry entry) {
        if (!acceptedMicros.containsKey(entry.id())) {
            return false;
        }
        putQueued(entry);
        return true;
    }

    /** Removes a queued invocation; false when it was not queued. */
    boolean removeQueued(String id) {
        var micros = acceptedMicros.remove(id);
        if (micros == null) {
            return false;
        }
        queued.remove(AsyncKeys.timeKey(micros, id));
        return true;
    }

    /** Number of queued invocations. */
    int queuedCount() {
        return acceptedMicros.size();
    }

    /** Every queued invocation, encoded, oldest accepted first. */
    List<byte[]> allQueued() {
        var out = new ArrayList<byte[]>(acceptedMicros.size());
        for (var it = queued.cursor(null); it.hasNext(); ) {
            it.next();
            out.add(it.getValue());
        }
        return out;
    }

    /** Stores a dead letter, replacing one of the same function and id. */
    void putDeadLetter(Entry entry) {
        var time = AsyncKeys.time(entry.micros());
        var previous = deadLetterTimes.put(AsyncKeys.scoped(entry.function(), entry.id()), time);
        if (previous != null && !previous.equals(time)) {
            deadLetters.remove(AsyncKeys.scoped(entry.function(), previous + entry.id()));
        }
        deadLetters.put(AsyncKeys.scoped(entry.function(), time + entry.id()), entry.bytes());
    }

    /** One dead letter, encoded. */
    Optional<byte[]> deadLetter(String function, String id) {
        return Optional.ofNullable(deadLetterTimes.get(AsyncKeys.scoped(function, id)))
                .map(time -> deadLetters.get(AsyncKeys.scoped(function, time + id)));
    }

    /** Deletes a dead letter; false when absent. */
    boolean removeDeadLetter(String function, String id) {
        var time = deadLetterTimes.remove(AsyncKeys.scoped(function, id));
        if (time == null) {
            return false;
        }
        deadLetters.remove(AsyncKeys.scoped(function, time + id));
        return true;
    }

    /** Up to {@code count} dead letters of {@code function}, encoded, oldest first, after time key {@code token}. */
    List<byte[]> deadLetters(String function, String token, int count) {
        var prefix = AsyncKeys.prefix(function);
        var after = prefix + token;
        var out = new ArrayList<byte[]>();
        for (var it = deadLetters.cursor(after); it.hasNext() && out.size() < count; ) {
            var key = it.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            if (!token.isEmpty() && key.equals(after)) {
                continue;
            }
            out.add(it.getValue());
        }
        return out;
    }

    /** Stores a callback delivery, replacing one for the same activation. */
    void putCallback(Entry entry) {
        callbacks.put(entry.id(), entry.bytes());
    }

    /** Replaces a callback delivery; false (and nothing stored) when there is none for its activation. */
    boolean replaceCallback(Entry entry) {
        if (!callbacks.containsKey(entry.id())) {
            return false;
        }
        callbacks.put(entry.id(), entry.bytes());
        return true;
    }

    /** Removes a callback delivery; false when absent. */
    boolean removeCallback(String id) {
        return callbacks.remove(id) != null;
    }

    /** Every pending callback delivery, encoded. */
    List<byte[]> allCallbacks() {
        var out = new ArrayList<byte[]>();
        for (var it = callbacks.cursor(null); it.hasNext(); ) {
            it.next();
            out.add(it.getValue());
        }
        return out;
    }
}
