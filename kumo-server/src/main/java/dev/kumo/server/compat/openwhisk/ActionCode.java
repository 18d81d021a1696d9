package dev.kumo.server.compat.openwhisk;

import dev.kumo.core.Runtimes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an OpenWhisk {@code exec} into code Kumo deploys. {@code java:*}: a base64 jar whose {@code main} class
 * is the Kumo handler ({@code pkg.Class#method} becomes {@code pkg.Class::method}). {@code nodejs:*} and
 * {@code python:*}: plain source (zipped here) or a base64 zip, run by Kumo's process-tier runtimes; a small
 * entry file adapts OpenWhisk's {@code main(params)} to the runtimes' {@code handler(event, context)}.
 * Code counts as binary when it is base64 of a zip, whatever {@code exec.binary} says.
 *
 * @param runtime Kumo runtime
 * @param handler Kumo handler
 * @param code    jar or zip
 * @param binary  whether the client sent base64
 */
record ActionCode(String runtime, String handler, byte[] code, boolean binary) {

    /** The file name of the entry that adapts a Python action. */
    static final String PYTHON_ENTRY = "kumo_openwhisk";

    /** The most a zip that Kumo opens (to read or extend it) may unpack to; guards against zip bombs. */
    private static final int MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;

    private static final String IDENTIFIER = "[A-Za-z_$][A-Za-z0-9_$]*";

    /** Maps an exec; a 400 naming the problem for a kind Kumo cannot run or code that does not fit it. */
    static ActionCode of(String kind, String code, String main, boolean binaryFlag, JsonMapper mapper) {
        String k = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
        if (code == null || code.isEmpty()) {
            throw WhiskException.badRequest("exec.code is required: the action's code (base64 for a jar or zip).");
        }
        Optional<byte[]> zip = zip(code);
        if (binaryFlag && zip.isEmpty()) {
            throw WhiskException.badRequest("exec.code is marked binary but is not base64 of a jar or zip.");
        }
        String family = k.contains(":") ? k.substring(0, k.indexOf(':')) : k;
        return switch (family) {
            case "java" -> java(zip, main);
            case "nodejs" -> zip.map(z -> nodeZip(z, main, mapper)).orElseGet(() -> nodeSource(code, main));
            case "python" -> python(zip, code, main);
            case "blackbox" -> throw WhiskException.badRequest("blackbox (docker) actions are not supported by "
                    + "Kumo; use java, nodejs or python kinds.");
            case "sequence" -> throw WhiskException.badRequest("sequence actions are not supported by Kumo; use "
                    + "a Kumo workflow instead.");
            default -> throw WhiskException.badRequest("The exec kind '" + kind + "' is not supported; Kumo runs "
                    + "java:default, nodejs:default, nodejs:20, python:default and python:3.");
        };
    }

    private static ActionCode java(Optional<byte[]> jar, String main) {
        if (jar.isEmpty()) {
            throw WhiskException.badRequest("java actions need exec.code to be a base64 jar.");
        }
        if (main == null || main.isBlank()) {
            throw WhiskException.badRequest("java actions need exec.main naming the class (pkg.Class or "
                    + "pkg.Class#method).");
        }
        return new ActionCode(Runtimes.JAVA, main.strip().replace("#", "::"), jar.get(), true);
    }

    private static ActionCode nodeSource(String source, String main) {
        String fn = function(main);
        // OpenWhisk finds a global main; a CommonJS runtime needs it exported.
        String shim = "\n;if (typeof " + fn + " === 'function' && typeof module.exports." + fn
                + " !== 'function') { module.exports." + fn + " = " + fn + "; }\n";
        var files = new LinkedHashMap<String, byte[]>();
        files.put("index.js", (source + shim).getBytes(StandardCharsets.UTF_8));
        return new ActionCode(Runtimes.NODEJS, "index." + fn, zipOf(Map.of(), files), false);
    }

    private static ActionCode nodeZip(byte[] zip, String main, JsonMapper mapper) {
        String file = "index";
        byte[] pkg = entries(zip).get("package.json");
        if (pkg != null) {
            var entry = mapper.readTree(pkg).path("main").asString("");
            if (!entry.isBlank()) {
                file = entry.strip().replaceFirst("^\\./", "").replaceFirst("\\.(c|m)?js$", "");
            }
        }
        return new ActionCode(Runtimes.NODEJS, file + "." + function(main), zip, true);
    }

    private static ActionCode python(Optional<byte[]> zip, String source, String main) {
        String fn = function(main);
        var files = new LinkedHashMap<String, byte[]>();
        if (zip.isEmpty()) {
            files.put("__main__.py", source.getBytes(StandardCharsets.UTF_8));
        }
        files.put(PYTHON_ENTRY + ".py", pythonEntry(fn).getBytes(StandardCharsets.UTF_8));
        var base = zip.map(ActionCode::entries).orElse(Map.of());
        if (zip.isPresent() && !base.containsKey("__main__.py")) {
            throw WhiskException.badRequest("a python action zip needs a __main__.py at its root.");
        }
        return new ActionCode(Runtimes.PYTHON3, PYTHON_ENTRY + ".handler", zipOf(base, files), zip.isPresent());
    }

    /** Loads {@code __main__.py} under another module name (importing {@code __main__} gives the runner). */
    private static String pythonEntry(String fn) {
        return String.join("\n",
                "import importlib.util, os, sys",
                "_dir = os.path.dirname(os.path.abspath(__file__))",
                "if _dir not in sys.path:",
                "    sys.path.insert(0, _dir)",
                "_spec = importlib.util.spec_from_file_location('openwhisk_action', os.path.join(_dir, '__main__.py'))",
                "_action = importlib.util.module_from_spec(_spec)",
                "_spec.loader.exec_module(_action)",
                "",
                "def handler(event, context):",
                "    return _action." + fn + "(event if event is not None else {})",
                "");
    }

    private static String function(String main) {
        String fn = main == null || main.isBlank() ? "main" : main.strip();
        if (!fn.matches(IDENTIFIER)) {
            throw WhiskException.badRequest("exec.main must name a function, got '" + main + "'.");
        }
        return fn;
    }

    /** The decoded zip when {@code code} is base64 of one. */
    private static Optional<byte[]> zip(String code) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(code.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean pk = bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        return pk && code.strip().matches("[A-Za-z0-9+/=\\s]+") ? Optional.of(bytes) : Optional.empty();
    }

    private static Map<String, byte[]> entries(byte[] zip) {
        var entries = new LinkedHashMap<String, byte[]>();
        long total = 0;
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    byte[] bytes = in.readNBytes(MAX_UNZIPPED_BYTES + 1);
                    total += bytes.length;
                    if (total > MAX_UNZIPPED_BYTES) {
                        throw WhiskException.badRequest("exec.code unpacks to more than " + MAX_UNZIPPED_BYTES
                                + " bytes.");
                    }
                    entries.put(e.getName(), bytes);
                }
            }
        } catch (IOException e) {
            throw WhiskException.badRequest("exec.code is not a valid zip: " + e.getMessage());
        }
        return entries;
    }

    private static byte[] zipOf(Map<String, byte[]> base, Map<String, byte[]> extra) {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            var all = new LinkedHashMap<>(base);
            all.putAll(extra);
            for (var e : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
