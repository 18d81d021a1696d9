package dev.kumo.spi.store;

/** Everything Kumo persists, opened once by the composition root. */
public interface Store extends AutoCloseable {

    /** Functions and their {@code $LATEST} drafts. */
    FunctionRegistry functions();

    /** Published versions. */
    VersionRegistry versions();

    /** Aliases. */
    AliasRegistry aliases();

    /** Activation records. */
    ActivationStore activations();

    /** Code blobs. */
    CodeStore code();

    /** Asynchronous invocations, dead letters, callbacks and schedule fires. */
    AsyncQueue queue();

    /** Schedules. */
    NamedRegistry<dev.kumo.core.event.Schedule> schedules();

    /** Triggers (topics). */
    NamedRegistry<dev.kumo.core.event.Trigger> triggers();

    /** Rules linking triggers to functions. */
    NamedRegistry<dev.kumo.core.event.Rule> rules();

    /** HTTP routes. */
    NamedRegistry<dev.kumo.core.event.HttpRoute> routes();

    /**
     * OpenWhisk namespaces and the hashes of their keys. Stores that do not serve the OpenWhisk-compatible
     * API leave this out.
     */
    default NamedRegistry<dev.kumo.core.event.Namespace> namespaces() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no namespaces");
    }

    /**
     * What the OpenWhisk-compatible API keeps about actions and triggers (parameters, annotations,
     * versions). Stores that do not serve that API leave this out.
     */
    default NamedRegistry<dev.kumo.core.event.WhiskEntity> whiskEntities() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no OpenWhisk entities");
    }

    /** Workflow definitions, runs, joins and large results. */
    WorkflowStore workflows();

    /** Flushes and closes; the store is unusable afterwards. */
    @Override
    void close();
}
