package dev.kumo.spi.store;

import dev.kumo.core.CodeRef;
import java.nio.file.Path;
import java.util.Optional;

/** Content-addressed function code: the same bytes are stored once. */
public interface CodeStore {

    /** Stores the bytes unless already present and returns their address; durable on return. */
    CodeRef put(byte[] code);

    /** A local file holding the code, for class loading; empty when unknown. */
    Optional<Path> path(CodeRef ref);
}
