package dev.kumo.store.internal;

import dev.kumo.core.CodeRef;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Names;
import dev.kumo.core.Page;
import dev.kumo.spi.store.FunctionRegistry;
import dev.kumo.store.internal.FunctionTable.Update;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link FunctionRegistry} over the {@link FunctionTable}; the list token is the last function name served. */
public final class MvFunctionRegistry implements FunctionRegistry {

    private final FunctionTable table;

    /** Serves functions from {@code table}. */
    public MvFunctionRegistry(FunctionTable table) {
        this.table = table;
    }

    @Override
    public FunctionVersion putLatest(String name, FunctionConfig config, CodeRef code, Instant now) {
        Names.function(name);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(now, "now");
        return table.update(name, current -> {
            long revision = current.map(s -> s.latest().revision() + 1).orElse(1L);
            var draft = new FunctionVersion(name, FunctionVersion.LATEST, config, code, now, revision);
            var state = current.map(s -> s.withLatest(draft)).orElseGet(() -> FunctionState.create(draft));
            return new Update.Put<>(state, draft);
        });
    }

    @Override
    public Optional<FunctionVersion> get(String name, String version) {
        return table.get(name).flatMap(s -> s.version(version));
    }

    @Override
    public Page<FunctionVersion> list(String token, int limit) {
        return Pagination.page(table.after(token).map(FunctionState::latest).iterator(), limit,
                FunctionVersion::function);
    }

    @Override
    public boolean delete(String name) {
        return table.update(name, current -> current.isPresent()
                ? new Update.Remove<>(true) : new Update.Keep<>(false));
    }
}
