package dev.kumo.workflow.internal;

import dev.kumo.core.NotFoundException;
import dev.kumo.workflow.StepInvoker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keys of memoized calls (the gg thunk idea): a call is named by what determines its result when the function
 * is deterministic, so an equal key means the stored result can stand in for the call.
 */
final class Memos {

    private Memos() {
    }

    /**
     * SHA-256 of the function's name, the version {@code qualifier} resolves to now, that version's code digest
     * and the exact input bytes; empty when the function cannot be resolved (the call then reports it).
     */
    static Optional<String> key(StepInvoker invoker, String function, String qualifier, byte[] input) {
        try {
            var version = invoker.resolve(function, qualifier);
            var digest = MessageDigest.getInstance("SHA-256");
            for (var part : new String[] {version.function(), version.version(), version.code().sha256()}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            digest.update(input);
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
