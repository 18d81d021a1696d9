package dev.kumo.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Alias;
import dev.kumo.core.CodeRef;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    static final Instant WHEN = Instant.parse("2025-03-01T10:15:30.123456789Z");
    final JsonCodec json = new JsonCodec();

    @Test
    void functionDocumentRoundTrips() {
        var config = new FunctionConfig("a.B", "java", 256, 1_000, 1, 2, Tier.ISOLATED, Map.of("K", "v"), "d");
        var code = new CodeRef("ab".repeat(32), 9);
        var doc = new FunctionDocument(new FunctionVersion("f", "$LATEST", config, code, WHEN, 4),
                List.of(new FunctionVersion("f", "1", config, code, WHEN, 3)),
                List.of(new Alias("f", "live", "1", Map.of(), "", WHEN)), 7);

        var text = json.write(doc);

        assertThat(json.read(text, FunctionDocument.class)).isEqualTo(doc);
        assertThat(text).contains("\"2025-03-01T10:15:30.123456789Z\"").doesNotContain("maxInFlight");
    }

    @Test
    void optionalsRoundTripPresentAndEmpty() {
        var ok = new Activation(ActivationId.random(), "f", "1", ActivationStatus.SUCCESS, true, WHEN, 1.25, 30, 0.5,
                128, 3, 4, Optional.of("{\"x\":1}"), Optional.empty(), List.of("log"));
        var bad = new Activation(ActivationId.random(), "f", "1", ActivationStatus.TIMEOUT, false, WHEN, 1, 0, 0,
                128, 3, 0, Optional.empty(), Optional.of(new ErrorInfo("Timeout", "too slow", List.of())), List.of());

        assertThat(json.read(json.write(ok), Activation.class)).isEqualTo(ok);
        assertThat(json.read(json.write(bad), Activation.class)).isEqualTo(bad);
    }

    @Test
    void ignoresPropertiesFromNewerVersions() {
        var text = json.write(new CodeRef("ab".repeat(32), 9)).replace("{", "{\"future\":true,");

        assertThat(json.read(text, CodeRef.class)).isEqualTo(new CodeRef("ab".repeat(32), 9));
    }
}
