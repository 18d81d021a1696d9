package dev.kumo.store.internal;

import java.util.Iterator;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * An MVStore map whose changes the {@link GroupCommit} journals: {@link #put} and {@link #remove} may only
 * be called from a {@link GroupCommit.Change} (on the {@link StoreIo} thread); reads from anywhere on that
 * thread.
 *
 * @param <V> {@code String} or {@code byte[]}
 */
public final class JournaledMap<V> {

    private final GroupCommit owner;
    private final MVMap<String, V> map;
    private final boolean bytes;

    JournaledMap(GroupCommit owner, MVMap<String, V> map, boolean bytes) {
        this.owner = owner;
        this.map = map;
        this.bytes = bytes;
    }

    /** The value under {@code key}, or null. */
    public V get(String key) {
        return map.get(key);
    }

    /** Whether {@code key} has a value. */
    public boolean containsKey(String key) {
        return map.containsKey(key);
    }

    /** Stores {@code value} under {@code key}; returns the previous value, or null. */
    public V put(String key, V value) {
        owner.requireChange(this);
        var previous = map.put(key, value);
        owner.changed(this, key, value, previous);
        return previous;
    }

    /** Removes {@code key}; returns its value, or null when it had none. */
    public V remove(String key) {
        owner.requireChange(this);
        var previous = map.remove(key);
        if (previous != null) {
            owner.changed(this, key, null, previous);
        }
        return previous;
    }

    /** Keys from {@code from} (all when null), in order. */
    public Iterator<String> keys(String from) {
        return map.keyIterator(from);
    }

    /** Entries from {@code from} (all when null), in key order. */
    public Cursor<String, V> cursor(String from) {
        return map.cursor(from);
    }

    /** Number of entries. */
    public long size() {
        return map.sizeAsLong();
    }

    String name() {
        return map.getName();
    }

    boolean bytes() {
        return bytes;
    }

    /** Puts back {@code value} (null: removes) without journaling: undoes a change that failed. */
    void restore(String key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }
}
