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

    /** Flushes and closes; the store is unusable afterwards. */
    @Override
    void close();
}
