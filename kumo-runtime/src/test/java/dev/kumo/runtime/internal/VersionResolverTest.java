package dev.kumo.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.Alias;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Tier;
import dev.kumo.runtime.fn.Hello;
import dev.kumo.runtime.testing.FakeStore;
import dev.kumo.runtime.testing.TestJars;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionResolverTest {

    @TempDir
    Path dir;

    private FakeStore store;
    private VersionResolver resolver;

    @BeforeEach
    void setUp() {
        store = new FakeStore(dir);
        store.deploy("fn", TestJars.config(Hello.class, Tier.ISOLATED, 1, 4, 1_000), TestJars.of(Hello.class));
        store.publish("fn");
        store.publish("fn");
        resolver = new VersionResolver(store.functions(), store.aliases(), new Random(42)::nextDouble);
    }

    @Test
    void resolvesLatestNumbersAndAliases() {
        store.aliases().put(new Alias("fn", "prod", "2", Map.of(), "", Instant.EPOCH));

        assertThat(version("$LATEST")).isEqualTo(FunctionVersion.LATEST);
        assertThat(version("1")).isEqualTo("1");
        assertThat(version("prod")).isEqualTo("2");
    }

    @Test
    void explainsWhatIsMissing() {
        assertThat(resolver.resolve("nope", "$LATEST"))
                .isEqualTo(new VersionResolver.Missing("function 'nope' not found"));
        assertThat(resolver.resolve("nope", "3")).isEqualTo(new VersionResolver.Missing("function 'nope' not found"));
        assertThat(resolver.resolve("nope", "prod")).isEqualTo(new VersionResolver.Missing("function 'nope' not found"));
        assertThat(resolver.resolve("fn", "3"))
                .isEqualTo(new VersionResolver.Missing("version '3' of function 'fn' not found"));
        assertThat(resolver.resolve("fn", "prod"))
                .isEqualTo(new VersionResolver.Missing("alias 'prod' of function 'fn' not found"));
    }

    @Test
    void splitsAliasTrafficByWeight() {
        store.aliases().put(new Alias("fn", "canary", "1", Map.of("2", 0.2), "", Instant.EPOCH));
        var counts = new HashMap<String, Integer>();

        for (int i = 0; i < 10_000; i++) {
            counts.merge(version("canary"), 1, Integer::sum);
        }

        // binomial(10000, 0.2): standard deviation 40, so +-200 is five of them
        assertThat(counts.get("2")).isBetween(1_800, 2_200);
        assertThat(counts.get("1")).isEqualTo(10_000 - counts.get("2"));
    }

    private String version(String qualifier) {
        var resolution = resolver.resolve("fn", qualifier);
        assertThat(resolution).isInstanceOf(VersionResolver.Found.class);
        return ((VersionResolver.Found) resolution).version().version();
    }
}
