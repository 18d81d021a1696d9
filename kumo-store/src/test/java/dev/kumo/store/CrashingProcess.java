package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static dev.kumo.store.TestData.code;
import static dev.kumo.store.TestData.config;

import dev.kumo.core.Alias;
import java.nio.file.Path;
import java.util.Map;

/** Run in a child JVM by {@link DurabilityTest}: writes, says so, and waits to be killed without closing. */
final class CrashingProcess {

    static final String READY = "ready";

    private CrashingProcess() {
    }

    public static void main(String[] args) throws Exception {
        var store = EmbeddedStore.open(Path.of(args[0]), TestData.options());
        store.functions().putLatest("hello", config(), code('a'), T0);
        store.versions().publish("hello", "", T0);
        store.aliases().put(new Alias("hello", "live", "1", Map.of(), "", T0));
        store.functions().putLatest("hello", config(), code('b'), T0);
        store.activations().record(TestData.activation("hello", T0));
        store.flushActivations();
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
