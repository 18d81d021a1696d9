package dev.kumo.runtime.testing;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Alias;
import dev.kumo.core.CodeRef;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Page;
import dev.kumo.spi.store.ActivationStore;
import dev.kumo.spi.store.AliasRegistry;
import dev.kumo.spi.store.CodeStore;
import dev.kumo.spi.store.FunctionRegistry;
import dev.kumo.spi.store.Store;
import dev.kumo.spi.store.VersionRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory {@link Store} with code files in a directory; just enough for the runtime's tests. */
public final class FakeStore implements Store {

    private final Path dir;
    private final ConcurrentHashMap<String, FunctionVersion> versions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Alias> aliases = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Activation> activations = new ConcurrentLinkedQueue<>();
    private final AtomicLong revisions = new AtomicLong();
    private final Functions functions = new Functions();
    private final Aliases aliasRegistry = new Aliases();
    private final Code code = new Code();
    private final Activations activationStore = new Activations();

    /** A store keeping code files in {@code dir}. */
    public FakeStore(Path dir) {
        this.dir = dir;
    }

    /** Creates or updates {@code $LATEST} of {@code name}. */
    public FunctionVersion deploy(String name, FunctionConfig config, byte[] jar) {
        return functions.putLatest(name, config, code.put(jar), Instant.EPOCH);
    }

    /** Publishes {@code $LATEST} of {@code name} as the next version number. */
    public FunctionVersion publish(String name) {
        FunctionVersion latest = versions.get(name + "/" + FunctionVersion.LATEST);
        long n = versions.keySet().stream().filter(k -> k.startsWith(name + "/")).count();
        var published = new FunctionVersion(name, Long.toString(n), latest.config(), latest.code(), Instant.EPOCH,
                0);
        versions.put(name + "/" + published.version(), published);
        return published;
    }

    /** Every activation recorded so far, oldest first. */
    public List<Activation> recorded() {
        return List.copyOf(activations);
    }

    private final class Functions implements FunctionRegistry {

        @Override
        public FunctionVersion putLatest(String name, FunctionConfig config, CodeRef code, Instant now) {
            var version = new FunctionVersion(name, FunctionVersion.LATEST, config, code, now,
                    revisions.incrementAndGet());
            versions.put(name + "/" + FunctionVersion.LATEST, version);
            return version;
        }

        @Override
        public Optional<FunctionVersion> get(String name, String version) {
            return Optional.ofNullable(versions.get(name + "/" + version));
        }

        @Override
        public Page<FunctionVersion> list(String token, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String name) {
            versions.keySet().removeIf(k -> k.startsWith(name + "/"));
            return true;
        }
    }

    private final class Aliases implements AliasRegistry {

        @Override
        public Alias put(Alias alias) {
            aliases.put(alias.function() + "/" + alias.name(), alias);
            return alias;
        }

        @Override
        public Optional<Alias> get(String function, String name) {
            return Optional.ofNullable(aliases.get(function + "/" + name));
        }

        @Override
        public Page<Alias> list(String function, String token, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String function, String name) {
            return aliases.remove(function + "/" + name) != null;
        }
    }

    private final class Code implements CodeStore {

        @Override
        public CodeRef put(byte[] code) {
            try {
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code));
                Path file = dir.resolve(sha + ".jar");
                if (!Files.exists(file)) {
                    Files.write(file, code);
                }
                return new CodeRef(sha, code.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Optional<Path> path(CodeRef ref) {
            Path file = dir.resolve(ref.sha256() + ".jar");
            return Files.exists(file) ? Optional.of(file) : Optional.empty();
        }
    }

    private final class Activations implements ActivationStore {

        @Override
        public void record(Activation activation) {
            activations.add(activation);
        }

        @Override
        public Optional<Activation> get(ActivationId id) {
            return activations.stream().filter(a -> a.id().equals(id)).findFirst();
        }

        @Override
        public Page<Activation> list(String function, Optional<ActivationStatus> status, String token, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Activation> children(ActivationId parent) {
            return activations.stream().filter(a -> a.parentId().equals(Optional.of(parent))).toList();
        }
    }

    @Override
    public FunctionRegistry functions() {
        return functions;
    }

    @Override
    public VersionRegistry versions() {
        throw new UnsupportedOperationException("not needed by the runtime");
    }

    @Override
    public AliasRegistry aliases() {
        return aliasRegistry;
    }

    @Override
    public ActivationStore activations() {
        return activationStore;
    }

    @Override
    public dev.kumo.spi.store.AsyncQueue queue() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public dev.kumo.spi.store.NamedRegistry<dev.kumo.core.event.Schedule> schedules() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public dev.kumo.spi.store.NamedRegistry<dev.kumo.core.event.Trigger> triggers() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public dev.kumo.spi.store.NamedRegistry<dev.kumo.core.event.Rule> rules() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public dev.kumo.spi.store.NamedRegistry<dev.kumo.core.event.HttpRoute> routes() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CodeStore code() {
        return code;
    }

    @Override
    public void close() {
    }

    @Override
    public dev.kumo.spi.store.WorkflowStore workflows() {
        throw new UnsupportedOperationException("no workflows in this fake");
    }
}
