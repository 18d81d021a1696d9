package dev.kumo.server.compat.openwhisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenWhisk {@code exec} objects become Kumo code and handlers; the Node.js and Python adapters are run with the
 * real {@code node} and {@code python3} to show that OpenWhisk's {@code main(params)} is what gets called.
 */
class ActionCodeTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void javaTakesABase64JarAndMapsTheMethodSeparator() {
        var jar = zip(Map.of("pkg/Main.class", "x"));
        var code = ActionCode.of("java:default", Base64.getEncoder().encodeToString(jar), "pkg.Main#run", false,
                MAPPER);
        assertThat(code.runtime()).isEqualTo("java");
        assertThat(code.handler()).isEqualTo("pkg.Main::run");
        assertThat(code.code()).isEqualTo(jar);
        assertThat(code.binary()).isTrue();
        assertThat(ActionCode.of("java:21", Base64.getMimeEncoder().encodeToString(jar), "pkg.Main", false, MAPPER)
                .handler()).isEqualTo("pkg.Main");
    }

    @Test
    void nodePlainSourceIsZippedAndItsGlobalMainExported() throws Exception {
        var code = ActionCode.of("nodejs:20", "function main(params) {\n  return {greeting: 'Hi ' + params.name}\n}",
                null, false, MAPPER);
        assertThat(code.runtime()).isEqualTo("nodejs");
        assertThat(code.handler()).isEqualTo("index.main");
        assertThat(code.binary()).isFalse();
        unzip(code.code());
        assertThat(run("node", "-e", "Promise.resolve(require('./index.js').main({name:'Ada'}))"
                + ".then(r => console.log(JSON.stringify(r)))")).isEqualTo("{\"greeting\":\"Hi Ada\"}");
    }

    @Test
    void nodeZipsUseTheirPackageMain() {
        var zip = zip(Map.of("package.json", "{\"main\":\"./lib/app.js\"}", "lib/app.js", "exports.handle = p => p"));
        var code = ActionCode.of("nodejs:default", Base64.getEncoder().encodeToString(zip), "handle", true, MAPPER);
        assertThat(code.handler()).isEqualTo("lib/app.handle");
        assertThat(code.code()).isEqualTo(zip);
    }

    @Test
    void pythonMainIsCalledWithTheEventOnly() throws Exception {
        var code = ActionCode.of("python:3", "def main(args):\n    return {'greeting': 'Hi ' + args.get('name', '?')}\n",
                null, false, MAPPER);
        assertThat(code.runtime()).isEqualTo("python3");
        assertThat(code.handler()).isEqualTo("kumo_openwhisk.handler");
        unzip(code.code());
        assertThat(run("python3", "-c", "import json, kumo_openwhisk; "
                + "print(json.dumps(kumo_openwhisk.handler({'name': 'Ada'}, object())))"))
                .isEqualTo("{\"greeting\": \"Hi Ada\"}");

        var zipped = zip(Map.of("__main__.py", "def go(a):\n    return a\n", "helper.py", ""));
        var fromZip = ActionCode.of("python:default", Base64.getEncoder().encodeToString(zipped), "go", false,
                MAPPER);
        assertThat(entries(fromZip.code())).containsKeys("__main__.py", "helper.py", "kumo_openwhisk.py");
        assertThat(entries(fromZip.code()).get("kumo_openwhisk.py")).contains("_action.go(");
    }

    @Test
    void unsupportedOrMalformedExecsAreRefusedWithAReason() {
        var jar = Base64.getEncoder().encodeToString(zip(Map.of("a", "b")));
        assertRefused("blackbox", "x", null, false, "blackbox");
        assertRefused("sequence", "x", null, false, "sequence");
        assertRefused("swift:5", "x", null, false, "not supported");
        assertRefused("java:default", "class X {}", "X", false, "base64 jar");
        assertRefused("java:default", jar, null, false, "exec.main");
        assertRefused("nodejs:20", "function main() {}", "not-an-identifier", false, "exec.main");
        assertRefused("nodejs:20", "function main() {}", null, true, "binary");
        assertRefused("python:3", jar, null, false, "__main__.py");
        assertRefused("nodejs:20", "", null, false, "exec.code is required");
    }

    private static void assertRefused(String kind, String code, String main, boolean binary, String reason) {
        assertThatThrownBy(() -> ActionCode.of(kind, code, main, binary, MAPPER))
                .isInstanceOfSatisfying(WhiskException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    private String run(String program, String... args) throws Exception {
        String exe = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(p -> Path.of(p, program)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(program + " is not on the PATH; this test runs it"))
                .toString();
        var command = new java.util.ArrayList<String>();
        command.add(exe);
        command.addAll(Arrays.asList(args));
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private void unzip(byte[] zip) throws IOException {
        for (var e : entries(zip).entrySet()) {
            var file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
    }

    private static Map<String, String> entries(byte[] zip) {
        var map = new LinkedHashMap<String, String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                map.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return map;
    }

    private static byte[] zip(Map<String, String> files) {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
