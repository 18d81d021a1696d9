package dev.kumo.async.internal;

import dev.kumo.core.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The hosts a {@code Kumo-Callback-Url} may name. Checked when an invocation is accepted and again before
 * every delivery, so that narrowing the configuration stops callbacks already stored.
 */
public final class CallbackHosts {

    /** The header the checks name in their errors. */
    public static final String FIELD = "Kumo-Callback-Url";

    private final Set<String> hosts;

    /** Allows exactly {@code hosts}, compared without case. */
    public CallbackHosts(Set<String> hosts) {
        this.hosts = hosts.stream().map(CallbackHosts::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Returns {@code url} when it is an absolute http(s) URL without user info whose host is allowed.
     *
     * @throws InvalidRequestException naming {@link #FIELD} otherwise
     */
    public String check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(FIELD, "callback URL is not a valid URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        InvalidRequestException.require(uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")),
                FIELD, "callback URL must be an absolute http or https URL, got '" + url + "'");
        InvalidRequestException.require(uri.getRawUserInfo() == null, FIELD,
                "callback URL must not carry user info");
        InvalidRequestException.require(uri.getHost() != null && hosts.contains(normalize(uri.getHost())), FIELD,
                "callback host '" + uri.getHost() + "' is not allowed; allowed hosts: "
                        + String.join(", ", new TreeSet<>(hosts)));
        return url;
    }

    /** Whether {@code url} passes {@link #check}. */
    public boolean allows(String url) {
        try {
            check(url);
            return true;
        } catch (InvalidRequestException e) {
            return false;
        }
    }

    // URI keeps the brackets of an IPv6 literal ("[::1]"); configuration names it without them.
    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
