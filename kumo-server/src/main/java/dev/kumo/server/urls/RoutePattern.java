package dev.kumo.server.urls;

import dev.kumo.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A route's path pattern: literal segments, {@code {param}} segments and an optional final {@code *} that
 * matches the rest of the path (possibly nothing), exposed to the function as path parameter
 * {@value #REST}.
 *
 * @param text     the pattern as written, e.g. {@code /api/orders/{id}}
 * @param segments the segments before any {@code *}: a literal, or a parameter name in braces
 * @param wildcard whether the pattern ends in {@code *}
 */
public record RoutePattern(String text, List<String> segments, boolean wildcard) {

    /** The path parameter that holds what a final {@code *} matched. */
    public static final String REST = "proxy";

    private static final int MAX_LENGTH = 1024;
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()+,;=:@-]+");
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]{0,63})}");

    /**
     * Most specific first: position by position a literal segment beats a parameter, which beats {@code *};
     * a pattern that has ended beats a {@code *} at the same position.
     */
    public static final Comparator<RoutePattern> SPECIFIC_FIRST = (a, b) -> {
        int n = Math.max(a.ranks().size(), b.ranks().size());
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(a.rank(i), b.rank(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    /** Copies the segments. */
    public RoutePattern {
        segments = List.copyOf(segments);
    }

    /** Parses and validates a pattern; a 400 naming {@code path} when it is not one. */
    public static RoutePattern parse(String path) {
        if (path == null || !path.startsWith("/") || path.length() > MAX_LENGTH) {
            throw invalid(path, "it must start with / and be at most " + MAX_LENGTH + " characters");
        }
        if (path.equals("/")) {
            return new RoutePattern(path, List.of(), false);
        }
        String[] parts = path.substring(1).split("/", -1);
        var segments = new ArrayList<String>();
        var names = new HashSet<String>();
        boolean wildcard = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            var param = PARAM.matcher(part);
            if (part.equals("*")) {
                if (i != parts.length - 1) {
                    throw invalid(path, "'*' may only be the last segment");
                }
                wildcard = true;
            } else if (param.matches()) {
                if (!names.add(param.group(1)) || (param.group(1).equals(REST) && path.endsWith("/*"))) {
                    throw invalid(path, "parameter '" + param.group(1) + "' appears twice");
                }
                segments.add(part);
            } else if (LITERAL.matcher(part).matches()) {
                segments.add(part);
            } else {
                throw invalid(path, "segment '" + part + "' is neither a literal (letters, digits and "
                        + "-._~!$&'()+,;=:@), a {param} nor a final *");
            }
        }
        return new RoutePattern(path, segments, wildcard);
    }

    /** The values of the parameters when {@code path} (decoded segments) matches. */
    public Optional<Map<String, String>> match(List<String> path) {
        if (wildcard ? path.size() < segments.size() : path.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (s.startsWith("{")) {
                if (path.get(i).isEmpty()) {
                    return Optional.empty();
                }
                params.put(s.substring(1, s.length() - 1), path.get(i));
            } else if (!s.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        if (wildcard) {
            params.put(REST, String.join("/", path.subList(segments.size(), path.size())));
        }
        return Optional.of(params);
    }

    /** The pattern with parameter names blanked: two routes of one method must not share a shape. */
    public String shape() {
        var out = new StringBuilder();
        for (String s : segments) {
            out.append('/').append(s.startsWith("{") ? "{}" : s);
        }
        return wildcard ? out + "/*" : out.isEmpty() ? "/" : out.toString();
    }

    private List<Integer> ranks() {
        var ranks = new ArrayList<Integer>(segments.size() + 1);
        segments.forEach(s -> ranks.add(s.startsWith("{") ? 1 : 0));
        if (wildcard) {
            ranks.add(2);
        }
        return ranks;
    }

    private int rank(int position) {
        var ranks = ranks();
        return position < ranks.size() ? ranks.get(position) : 1;
    }

    private static InvalidRequestException invalid(String path, String why) {
        return new InvalidRequestException("path", "invalid route path '" + path + "': " + why);
    }
}
