package dev.kumo.store.internal;

import dev.kumo.core.Alias;
import dev.kumo.core.ConflictException;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Page;
import dev.kumo.spi.store.VersionRegistry;
import dev.kumo.store.internal.FunctionTable.Update;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link VersionRegistry} over the {@link FunctionTable}. A publish whose code and behaviour equal the
 * newest published version returns that version; "behaviour" is the whole config except the description,
 * because the description of a version is whatever its publish call said. Version numbers come from a
 * per-function counter that only grows, so a deleted number is never handed out again (until the function
 * itself is deleted and created anew). The list token is the last version number served.
 */
public final class MvVersionRegistry implements VersionRegistry {

    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,17}");

    private final FunctionTable table;

    /** Serves versions from {@code table}. */
    public MvVersionRegistry(FunctionTable table) {
        this.table = table;
    }

    @Override
    public Optional<FunctionVersion> publish(String name, String description, Instant now) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(now, "now");
        return table.update(name, current -> {
            if (current.isEmpty()) {
                return new Update.Keep<>(Optional.empty());
            }
            var state = current.get();
            var draft = state.latest();
            var newest = state.versions().lastEntry();
            if (newest != null && sameBehaviour(newest.getValue(), draft)) {
                return new Update.Keep<>(Optional.of(newest.getValue()));
            }
            var config = description.isEmpty() ? draft.config() : withDescription(draft.config(), description);
            var version = new FunctionVersion(name, Long.toString(state.nextVersion()), config, draft.code(), now,
                    draft.revision());
            return new Update.Put<>(state.withVersion(version), Optional.of(version));
        });
    }

    @Override
    public Page<FunctionVersion> list(String name, String token, int limit) {
        Pagination.checkLimit(limit);
        InvalidRequestException.require(token.isEmpty() || NUMBER.matcher(token).matches(), "nextToken",
                "not a version page token: '" + token + "'");
        long after = token.isEmpty() ? 0 : Long.parseLong(token);
        return table.get(name)
                .map(s -> Pagination.page(s.versions().tailMap(after, false).values().iterator(), limit,
                        FunctionVersion::version))
                .orElseGet(() -> new Page<>(List.of(), Optional.empty()));
    }

    @Override
    public boolean delete(String name, String version) {
        InvalidRequestException.require(!FunctionVersion.LATEST.equals(version), "version",
                "$LATEST cannot be deleted on its own; delete the function instead");
        if (!NUMBER.matcher(version).matches()) {
            return false;
        }
        long number = Long.parseLong(version);
        return table.update(name, current -> {
            if (current.isEmpty() || !current.get().versions().containsKey(number)) {
                return new Update.Keep<>(false);
            }
            var routing = current.get().aliases().values().stream()
                    .filter(a -> a.version().equals(version) || a.additionalVersionWeights().containsKey(version))
                    .map(Alias::name)
                    .toList();
            if (!routing.isEmpty()) {
                throw new ConflictException("version " + version + " of function " + name
                        + " receives traffic from alias " + String.join(", ", routing)
                        + "; point the alias elsewhere or delete it first");
            }
            return new Update.Put<>(current.get().withoutVersion(number), true);
        });
    }

    private static boolean sameBehaviour(FunctionVersion published, FunctionVersion draft) {
        return published.code().sha256().equals(draft.code().sha256())
                && withDescription(published.config(), "").equals(withDescription(draft.config(), ""));
    }

    private static FunctionConfig withDescription(FunctionConfig c, String description) {
        return new FunctionConfig(c.handler(), c.runtime(), c.memoryMb(), c.timeoutMs(), c.concurrency(),
                c.maxInstances(), c.tier(), c.env(), description);
    }
}
