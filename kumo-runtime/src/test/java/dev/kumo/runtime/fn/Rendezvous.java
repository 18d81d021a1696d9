package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.UUID;

/**
 * Waits until {@code parties} invocations are inside the same instance at once (static state is per class
 * loader, so per instance), then prints {@code lines} lines tagged with its marker to stdout, stderr and the
 * logger, interleaving with the others. Answers the instance id, or "alone" when the others never came.
 */
public class Rendezvous implements Handler<Rendezvous.Input, String> {

    /** Input. */
    public record Input(String marker, int parties, int lines) {
    }

    private static final Object LOCK = new Object();
    private static int arrived;
    private final String instance = UUID.randomUUID().toString();

    @Override
    public String handle(Input input, Context ctx) throws InterruptedException {
        synchronized (LOCK) {
            arrived++;
            LOCK.notifyAll();
            long end = System.nanoTime() + 10_000_000_000L;
            while (arrived < input.parties()) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return "alone";
                }
                LOCK.wait(left);
            }
        }
        for (int i = 0; i < input.lines(); i++) {
            System.out.println(input.marker() + " out " + i);
            System.err.print(input.marker() + " err ");
            Thread.yield();
            System.err.println(i);
            ctx.logger().warn(input.marker() + " log " + i);
        }
        return instance;
    }
}
