package dev.kumo.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.function.FunctionLogger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    @Test
    void splitsBytesIntoLinesAndFlushesTheLastPartialLine() {
        var log = new LogBuffer(100, 10_000);
        write(log, "one\ntw");
        write(log, "o\r\nthree");
        log.log(FunctionLogger.Level.INFO, "from the logger");

        assertThat(log.drain()).containsExactly("one", "two", "INFO from the logger", "three");
    }

    @Test
    void prefixesLoggerLinesWithTheLevel() {
        var log = new LogBuffer(100, 10_000);
        log.info("a");
        log.warn("b");
        log.log(FunctionLogger.Level.DEBUG, "c");

        assertThat(log.drain()).containsExactly("INFO a", "WARN b", "DEBUG c");
    }

    @Test
    void keepsAtMostMaxLinesThenOneTruncationLine() {
        var log = new LogBuffer(3, 10_000);
        for (int i = 0; i < 10; i++) {
            write(log, "line " + i + "\n");
        }

        assertThat(log.drain()).containsExactly("line 0", "line 1", "line 2", LogBuffer.TRUNCATED);
    }

    @Test
    void keepsAtMostMaxBytesEvenWithoutNewlines() {
        var log = new LogBuffer(1_000, 10);
        write(log, "12345\n");
        write(log, "a line far longer than what is left");

        assertThat(log.drain()).containsExactly("12345", LogBuffer.TRUNCATED);
    }

    @Test
    void ignoresWritesAfterDrain() {
        var log = new LogBuffer(10, 1_000);
        write(log, "kept\n");
        assertThat(log.drain()).containsExactly("kept");

        write(log, "late\n");
        log.info("late too");

        assertThat(log.drain()).containsExactly("kept");
    }

    @Test
    void decodesMultiByteCharactersSplitAcrossWrites() {
        var log = new LogBuffer(10, 1_000);
        byte[] bytes = "grüße\n".getBytes(StandardCharsets.UTF_8);
        log.write(bytes, 0, 3, StandardCharsets.UTF_8);
        log.write(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);

        assertThat(log.drain()).containsExactly("grüße");
    }

    private static void write(LogBuffer log, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        log.write(bytes, 0, bytes.length, StandardCharsets.UTF_8);
    }
}
