package dev.kumo.store.internal;

import dev.kumo.core.Alias;
import dev.kumo.core.FunctionVersion;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One function as held in memory: immutable, replaced as a whole on every write, and indexed so that
 * looking up a version by its name is one hash lookup (the invocation path does it on every request).
 */
public final class FunctionState {

    private final FunctionVersion latest;
    private final NavigableMap<Long, FunctionVersion> versions;
    private final NavigableMap<String, Alias> aliases;
    private final Map<String, FunctionVersion> byName;
    private final long lastVersion;

    private FunctionState(FunctionVersion latest, NavigableMap<Long, FunctionVersion> versions,
                          NavigableMap<String, Alias> aliases, long lastVersion) {
        this.latest = latest;
        this.versions = Collections.unmodifiableNavigableMap(versions);
        this.aliases = Collections.unmodifiableNavigableMap(aliases);
        this.lastVersion = lastVersion;
        var names = new HashMap<String, FunctionVersion>(versions.size() * 2 + 2);
        names.put(FunctionVersion.LATEST, latest);
        versions.values().forEach(v -> names.put(v.version(), v));
        this.byName = names;
    }

    /** A new function with only its draft. */
    public static FunctionState create(FunctionVersion latest) {
        return new FunctionState(latest, new TreeMap<>(), new TreeMap<>(), 0);
    }

    /** Rebuilds the state from its stored form. */
    public static FunctionState of(FunctionDocument doc) {
        var versions = new TreeMap<Long, FunctionVersion>();
        doc.versions().forEach(v -> versions.put(Long.parseLong(v.version()), v));
        var aliases = new TreeMap<String, Alias>();
        doc.aliases().forEach(a -> aliases.put(a.name(), a));
        return new FunctionState(doc.latest(), versions, aliases, doc.lastVersion());
    }

    /** The stored form. */
    public FunctionDocument document() {
        return new FunctionDocument(latest, List.copyOf(versions.values()), List.copyOf(aliases.values()),
                lastVersion);
    }

    /** The function's name. */
    public String name() {
        return latest.function();
    }

    /** The draft. */
    public FunctionVersion latest() {
        return latest;
    }

    /** {@code $LATEST} or a published version by its number; empty for anything else. */
    public Optional<FunctionVersion> version(String version) {
        return Optional.ofNullable(byName.get(version));
    }

    /** Whether {@code version} is {@code $LATEST} or a published version. */
    public boolean hasVersion(String version) {
        return byName.containsKey(version);
    }

    /** Published versions by number, ascending. */
    public NavigableMap<Long, FunctionVersion> versions() {
        return versions;
    }

    /** Aliases by name. */
    public NavigableMap<String, Alias> aliases() {
        return aliases;
    }

    /** The number the next published version gets. */
    public long nextVersion() {
        return lastVersion + 1;
    }

    /** A copy with another draft. */
    public FunctionState withLatest(FunctionVersion draft) {
        return new FunctionState(draft, new TreeMap<>(versions), new TreeMap<>(aliases), lastVersion);
    }

    /** A copy with {@code version} published (it must carry the next number). */
    public FunctionState withVersion(FunctionVersion version) {
        long number = Long.parseLong(version.version());
        var copy = new TreeMap<>(versions);
        copy.put(number, version);
        return new FunctionState(latest, copy, new TreeMap<>(aliases), Math.max(lastVersion, number));
    }

    /** A copy without the published version {@code number}. */
    public FunctionState withoutVersion(long number) {
        var copy = new TreeMap<>(versions);
        copy.remove(number);
        return new FunctionState(latest, copy, new TreeMap<>(aliases), lastVersion);
    }

    /** A copy with {@code alias} added or replaced. */
    public FunctionState withAlias(Alias alias) {
        var copy = new TreeMap<>(aliases);
        copy.put(alias.name(), alias);
        return new FunctionState(latest, new TreeMap<>(versions), copy, lastVersion);
    }

    /** A copy without the alias {@code name}. */
    public FunctionState withoutAlias(String name) {
        var copy = new TreeMap<>(aliases);
        copy.remove(name);
        return new FunctionState(latest, new TreeMap<>(versions), copy, lastVersion);
    }
}
