package dev.kumo.async.testing;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Page;
import dev.kumo.core.event.HttpRoute;
import dev.kumo.core.event.Rule;
import dev.kumo.core.event.Schedule;
import dev.kumo.core.event.Trigger;
import dev.kumo.spi.store.ActivationStore;
import dev.kumo.spi.store.AliasRegistry;
import dev.kumo.spi.store.CodeStore;
import dev.kumo.spi.store.FunctionRegistry;
import dev.kumo.spi.store.NamedRegistry;
import dev.kumo.spi.store.Store;
import dev.kumo.spi.store.VersionRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Store} in memory with what the async runtime uses: queue, registries and activations (which also
 * keep every status recorded under an id, to check lifecycles). The function registry belongs to the
 * target in these tests, so functions, versions, aliases and code are not supported.
 */
public final class MemoryStore implements Store {

    private final MemoryQueue queue;
    private final MemoryRegistry<Schedule> schedules = new MemoryRegistry<>();
    private final MemoryRegistry<Trigger> triggers = new MemoryRegistry<>();
    private final MemoryRegistry<Rule> rules = new MemoryRegistry<>();
    private final MemoryRegistry<HttpRoute> routes = new MemoryRegistry<>();
    private final Activations activations = new Activations();

    /** An empty store. */
    public MemoryStore() {
        this(new MemoryQueue());
    }

    /** A store over {@code queue} (what survives a "restart"). */
    public MemoryStore(MemoryQueue queue) {
        this.queue = queue;
    }

    /** Every status recorded for {@code id}, in order. */
    public List<ActivationStatus> statuses(ActivationId id) {
        return activations.recorded.getOrDefault(id, new CopyOnWriteArrayList<>()).stream()
                .map(Activation::status).toList();
    }

    /** Every record written for {@code id}, in order. */
    public List<Activation> records(ActivationId id) {
        return List.copyOf(activations.recorded.getOrDefault(id, new CopyOnWriteArrayList<>()));
    }

    /** The latest record of {@code id}. */
    public Activation activation(ActivationId id) {
        return activations.get(id).orElseThrow();
    }

    @Override
    public MemoryQueue queue() {
        return queue;
    }

    @Override
    public NamedRegistry<Schedule> schedules() {
        return schedules;
    }

    @Override
    public NamedRegistry<Trigger> triggers() {
        return triggers;
    }

    @Override
    public NamedRegistry<Rule> rules() {
        return rules;
    }

    @Override
    public NamedRegistry<HttpRoute> routes() {
        return routes;
    }

    @Override
    public ActivationStore activations() {
        return activations;
    }

    @Override
    public FunctionRegistry functions() {
        throw new UnsupportedOperationException("the test target resolves functions");
    }

    @Override
    public VersionRegistry versions() {
        throw new UnsupportedOperationException("the test target resolves functions");
    }

    @Override
    public AliasRegistry aliases() {
        throw new UnsupportedOperationException("the test target resolves functions");
    }

    @Override
    public CodeStore code() {
        throw new UnsupportedOperationException("no code in these tests");
    }

    @Override
    public void close() {
    }

    private static final class Activations implements ActivationStore {

        private final ConcurrentHashMap<ActivationId, CopyOnWriteArrayList<Activation>> recorded =
                new ConcurrentHashMap<>();

        @Override
        public void record(Activation activation) {
            recorded.computeIfAbsent(activation.id(), id -> new CopyOnWriteArrayList<>()).add(activation);
        }

        @Override
        public Optional<Activation> get(ActivationId id) {
            var list = recorded.get(id);
            return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.getLast());
        }

        @Override
        public Page<Activation> list(String function, Optional<ActivationStatus> status, String token, int limit) {
            throw new UnsupportedOperationException("not needed");
        }

        @Override
        public List<Activation> children(ActivationId parent) {
            return recorded.values().stream().map(List::getLast)
                    .filter(a -> a.parentId().equals(Optional.of(parent))).toList();
        }
    }

    @Override
    public dev.kumo.spi.store.WorkflowStore workflows() {
        throw new UnsupportedOperationException("no workflows in this fake");
    }
}
