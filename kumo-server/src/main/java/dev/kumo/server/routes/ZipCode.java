package dev.kumo.server.routes;

import dev.kumo.core.Runtimes;
import dev.kumo.server.http.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks the zip of a function that runs as a worker process (runtimes {@code provided}, {@code nodejs},
 * {@code python3}) before it is stored, so that a missing {@code bootstrap} or handler file is a 400 at deploy
 * rather than an init error at the first invocation.
 */
final class ZipCode {

    private ZipCode() {
    }

    static void check(byte[] zip, String runtime, String handler) {
        Set<String> entries = entries(zip);
        switch (runtime) {
            case Runtimes.PROVIDED -> require(entries.contains("bootstrap"), "the zip of a 'provided' function needs"
                    + " an executable 'bootstrap' at its root");
            case Runtimes.NODEJS -> {
                String file = handler.substring(0, handler.lastIndexOf('.'));
                require(List.of(".js", ".mjs", ".cjs").stream().anyMatch(ext -> entries.contains(file + ext)),
                        "handler file " + file + ".js (or .mjs, .cjs) is not in the zip");
            }
            case Runtimes.PYTHON3 -> {
                String module = handler.substring(0, handler.lastIndexOf('.'));
                require(entries.contains(module.replace('.', '/') + ".py") || entries.contains(module + ".py"),
                        "handler module " + module + ".py is not in the zip");
            }
            default -> throw new IllegalArgumentException("not a process runtime: " + runtime);
        }
    }

    private static Set<String> entries(byte[] zip) {
        var names = new HashSet<String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName();
                require(!name.startsWith("/") && !List.of(name.split("/")).contains(".."), "zip entry '" + name
                        + "' points outside the function's directory");
                names.add(name);
            }
        } catch (IOException e) {
            throw ApiException.badRequest("code", "code is not a valid zip: " + e.getMessage());
        }
        require(!names.isEmpty(), "code is not a valid zip: no entries");
        return names;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw ApiException.badRequest("code", message);
        }
    }
}
