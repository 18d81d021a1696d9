package dev.kumo.runtime.internal;

import dev.kumo.core.CodeRef;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link CodeIndex} per code hash. Entries are held softly: live loaders keep their index strongly,
 * and an index nobody uses stays cached until the heap needs the room, so a cold start after keep-alive
 * expiry usually still skips the zip read.
 */
final class CodeIndexCache {

    private final ConcurrentHashMap<String, SoftReference<CodeIndex>> indexes = new ConcurrentHashMap<>();

    /** The index of {@code ref}, reading {@code jar} when not cached; concurrent callers read it once. */
    CodeIndex get(CodeRef ref, Path jar) {
        SoftReference<CodeIndex> cached = indexes.get(ref.sha256());
        CodeIndex index = cached == null ? null : cached.get();
        if (index != null) {
            return index;
        }
        CodeIndex[] loaded = new CodeIndex[1];
        indexes.compute(ref.sha256(), (key, current) -> {
            CodeIndex present = current == null ? null : current.get();
            loaded[0] = present != null ? present : CodeIndex.read(jar);
            return present != null ? current : new SoftReference<>(loaded[0]);
        });
        indexes.values().removeIf(r -> r.get() == null);
        return loaded[0];
    }
}
