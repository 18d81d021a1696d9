package dev.kumo.runtime.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Routes {@code System.out} and {@code System.err} to the log of the activation the writing thread serves.
 * The activation is found through the {@link #CURRENT} scoped value, which the executors bind around every
 * handler call; writes from any other thread go to the original streams unchanged.
 *
 * <p>The streams are JVM-wide, so this is the one piece of process-global state in the runtime: installing
 * twice is a no-op. Threads a function starts itself do not inherit the binding (unless forked inside a
 * structured task scope), so their lines land in the process output, not in the activation's logs.
 */
public final class LogCapture {

    /** The log of the activation the current thread is running, bound by the executor. */
    static final ScopedValue<LogBuffer> CURRENT = ScopedValue.newInstance();

    private LogCapture() {
    }

    /** Wraps {@code System.out} and {@code System.err} unless already wrapped. */
    public static synchronized void install() {
        if (!(System.out instanceof CapturingPrintStream)) {
            System.setOut(new CapturingPrintStream(System.out));
        }
        if (!(System.err instanceof CapturingPrintStream)) {
            System.setErr(new CapturingPrintStream(System.err));
        }
    }

    /** A print stream that encodes like the original and routes the bytes by the current activation. */
    static final class CapturingPrintStream extends PrintStream {

        CapturingPrintStream(PrintStream original) {
            super(new Router(original, original.charset()), true, original.charset());
        }
    }

    private static final class Router extends OutputStream {

        private final PrintStream original;
        private final Charset charset;

        Router(PrintStream original, Charset charset) {
            this.original = original;
            this.charset = charset;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (CURRENT.isBound()) {
                CURRENT.get().write(b, off, len, charset);
            } else {
                original.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!CURRENT.isBound()) {
                original.flush();
            }
        }
    }
}
