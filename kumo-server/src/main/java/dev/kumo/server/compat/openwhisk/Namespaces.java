package dev.kumo.server.compat.openwhisk;

import dev.kumo.core.ConflictException;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.event.Namespace;
import dev.kumo.spi.store.NamedRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The namespaces of the OpenWhisk-compatible API and their credentials. A key is shown once, when it is
 * made; the store keeps its SHA-256 only. The {@code guest} namespace always exists: at start it gets the
 * configured key, or OpenWhisk's well-known guest key when none is configured and none is stored.
 */
public final class Namespaces {

    /** The namespace every embedded node has, like OpenWhisk standalone. */
    public static final String GUEST = "guest";
    /** OpenWhisk's well-known {@code uuid:key} of {@code guest} (public: any local OpenWhisk uses it). */
    public static final String WELL_KNOWN_GUEST_KEY = "23bc46b1-71f6-4ed5-8c54-816aa4f8c502:"
            + "123zO3xZCLrMN6v2BKK1dXYFpXlPkccOFqm12CdAsMgRU4VrNZ9lyGVCGuMDGIwP";

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A namespace with its credentials in the clear, as answered once on create and on key rotation.
     *
     * @param namespace the stored namespace
     * @param auth      {@code uuid:key}
     */
    public record Issued(Namespace namespace, String auth) {
    }

    private final NamedRegistry<Namespace> registry;
    private final InstantSource clock;

    /** Keeps namespaces in {@code registry}. */
    public Namespaces(NamedRegistry<Namespace> registry, InstantSource clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Makes sure {@code guest} exists: with {@code key} when given, else with the stored key, else with the
     * well-known one. Returns the key now in force when it is known (not when a stored, rotated one is kept).
     */
    public Optional<String> bootstrapGuest(Optional<String> key) {
        var stored = registry.get(GUEST);
        if (key.isEmpty() && stored.isPresent()) {
            return stored.get().keySha256().equals(sha256(secret(WELL_KNOWN_GUEST_KEY)))
                    && stored.get().uuid().equals(uuid(WELL_KNOWN_GUEST_KEY))
                    ? Optional.of(WELL_KNOWN_GUEST_KEY) : Optional.empty();
        }
        String auth = key.orElse(WELL_KNOWN_GUEST_KEY);
        var ns = new Namespace(GUEST, uuid(auth), sha256(secret(auth)),
                stored.map(Namespace::created).orElseGet(clock::instant));
        if (!stored.equals(Optional.of(ns))) {
            registry.put(ns);
        }
        return Optional.of(auth);
    }

    /** Creates a namespace with fresh credentials; ConflictException when it exists. */
    public synchronized Issued create(String name) {
        if (registry.get(name).isPresent()) {
            throw new ConflictException("namespace '" + name + "' already exists");
        }
        String uuid = UUID.randomUUID().toString();
        String key = randomKey();
        var ns = registry.put(new Namespace(name, uuid, sha256(key), clock.instant()));
        return new Issued(ns, uuid + ":" + key);
    }

    /** Gives a namespace fresh credentials; the old ones stop working at once. */
    public synchronized Issued rotate(String name) {
        var ns = get(name);
        String uuid = UUID.randomUUID().toString();
        String key = randomKey();
        return new Issued(registry.put(ns.withCredentials(uuid, sha256(key))), uuid + ":" + key);
    }

    /** The namespace called {@code name}; NotFoundException when absent. */
    public Namespace get(String name) {
        return registry.get(name).orElseThrow(() -> new NotFoundException("namespace '" + name + "' not found"));
    }

    /** Every namespace, in name order. */
    public List<Namespace> all() {
        return registry.all();
    }

    /** Deletes a namespace (not {@code guest}); false when absent. Its entities stay as Kumo functions. */
    public boolean delete(String name) {
        if (GUEST.equals(name)) {
            throw new ConflictException("the guest namespace cannot be deleted; give it another key instead");
        }
        return registry.delete(name);
    }

    /** The namespace {@code uuid:key} opens, if any; compares hashes in constant time. */
    public Optional<Namespace> authenticate(String auth) {
        int colon = auth.indexOf(':');
        if (colon < 1) {
            return Optional.empty();
        }
        String uuid = auth.substring(0, colon);
        byte[] hash = sha256(auth.substring(colon + 1)).getBytes(StandardCharsets.US_ASCII);
        for (var ns : registry.all()) {
            if (ns.uuid().equals(uuid)
                    && MessageDigest.isEqual(hash, ns.keySha256().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(ns);
            }
        }
        return Optional.empty();
    }

    private static String uuid(String auth) {
        return auth.substring(0, auth.indexOf(':'));
    }

    private static String secret(String auth) {
        return auth.substring(auth.indexOf(':') + 1);
    }

    private static String randomKey() {
        var sb = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
