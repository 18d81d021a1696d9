package dev.kumo.store.internal;

import dev.kumo.core.Alias;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Page;
import dev.kumo.spi.store.AliasRegistry;
import dev.kumo.store.internal.FunctionTable.Update;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AliasRegistry} over the {@link FunctionTable}. An alias may point at {@code $LATEST} or a
 * published version; its additional (canary) version must be published. The list token is the last alias
 * name served.
 */
public final class MvAliasRegistry implements AliasRegistry {

    private final FunctionTable table;

    /** Serves aliases from {@code table}. */
    public MvAliasRegistry(FunctionTable table) {
        this.table = table;
    }

    /**
     * {@inheritDoc}
     *
     * @throws NoSuchElementException  when the function does not exist (HTTP 404)
     * @throws InvalidRequestException naming {@code version} or {@code additionalVersionWeights} when a
     *                                 version the alias routes to is not published
     */
    @Override
    public Alias put(Alias alias) {
        Objects.requireNonNull(alias.modified(), "modified");
        return table.update(alias.function(), current -> {
            var state = current.orElseThrow(
                    () -> new NoSuchElementException("function " + alias.function() + " does not exist"));
            InvalidRequestException.require(state.hasVersion(alias.version()), "version",
                    "version " + alias.version() + " of function " + alias.function() + " is not published");
            alias.additionalVersionWeights().keySet().forEach(v -> InvalidRequestException.require(
                    state.hasVersion(v), "additionalVersionWeights",
                    "version " + v + " of function " + alias.function() + " is not published"));
            return new Update.Put<>(state.withAlias(alias), alias);
        });
    }

    @Override
    public Optional<Alias> get(String function, String name) {
        return table.get(function).map(s -> s.aliases().get(name));
    }

    @Override
    public Page<Alias> list(String function, String token, int limit) {
        Pagination.checkLimit(limit);
        return table.get(function)
                .map(s -> Pagination.page((token.isEmpty() ? s.aliases() : s.aliases().tailMap(token, false))
                        .values().iterator(), limit, Alias::name))
                .orElseGet(() -> new Page<>(List.of(), Optional.empty()));
    }

    @Override
    public boolean delete(String function, String name) {
        return table.update(function, current -> current.filter(s -> s.aliases().containsKey(name))
                .<Update<Boolean>>map(s -> new Update.Put<>(s.withoutAlias(name), true))
                .orElseGet(() -> new Update.Keep<>(false)));
    }
}
