package dev.kumo.server.urls;

import dev.kumo.core.event.HttpRoute;
import dev.kumo.spi.store.NamedRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The stored HTTP routes compiled for matching, most specific first; {@link #refresh} rebuilds the table
 * after a route changes. Matching reads one immutable snapshot, so it never sees a table half rebuilt.
 */
public final class RouteTable {

    /** The method of a route that accepts every method. */
    public static final String ANY = "ANY";

    /** A route with its parsed pattern. */
    private record Compiled(HttpRoute route, RoutePattern pattern) {
    }

    /** What a request matched. */
    public sealed interface Match {
        /** A route accepts the request; {@code params} are its path parameters. */
        record Found(HttpRoute route, Map<String, String> params) implements Match {
        }

        /** Routes match the path, none the method; {@code allowed} lists theirs. */
        record WrongMethod(List<String> allowed) implements Match {
        }

        /** No route matches the path. */
        record None() implements Match {
        }
    }

    private static final Comparator<Compiled> ORDER = Comparator
            .comparing(Compiled::pattern, RoutePattern.SPECIFIC_FIRST)
            .thenComparing(c -> c.route().method().equals(ANY))
            .thenComparing(c -> c.route().name());

    private static final System.Logger LOG = System.getLogger(RouteTable.class.getName());

    private final Supplier<List<HttpRoute>> source;
    private volatile List<Compiled> table = List.of();

    private RouteTable(Supplier<List<HttpRoute>> source) {
        this.source = source;
    }

    /** A table of the routes in {@code routes}, compiled now. */
    public static RouteTable of(NamedRegistry<HttpRoute> routes) {
        return of(routes::all);
    }

    /** A table of the routes {@code source} supplies, compiled now. */
    public static RouteTable of(Supplier<List<HttpRoute>> source) {
        var table = new RouteTable(source);
        table.refresh();
        return table;
    }

    /** Recompiles the table from the source. */
    public synchronized void refresh() {
        var compiled = new ArrayList<Compiled>();
        for (var route : source.get()) {
            try {
                compiled.add(new Compiled(route, RoutePattern.parse(route.path())));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping stored route " + route.name() + ": " + e.getMessage());
            }
        }
        compiled.sort(ORDER);
        table = List.copyOf(compiled);
    }

    /** The most specific route for {@code method} and the decoded path segments. */
    public Match match(String method, List<String> path) {
        TreeSet<String> allowed = null;
        for (var c : table) {
            var params = c.pattern().match(path);
            if (params.isEmpty()) {
                continue;
            }
            String m = c.route().method();
            if (m.equals(method) || m.equals(ANY)) {
                return new Match.Found(c.route(), params.get());
            }
            if (allowed == null) {
                allowed = new TreeSet<>();
            }
            allowed.add(m);
        }
        return allowed == null ? new Match.None() : new Match.WrongMethod(List.copyOf(allowed));
    }
}
