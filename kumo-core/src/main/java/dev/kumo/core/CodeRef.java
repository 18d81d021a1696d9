package dev.kumo.core;

/**
 * Content address of a function's code: the SHA-256 of the jar bytes, in lower-case hex.
 *
 * @param sha256 hex digest
 * @param size   size in bytes
 */
public record CodeRef(String sha256, long size) {

    /** Validates the digest format. */
    public CodeRef {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 hex digest: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
