package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.concurrent.CountDownLatch;

/**
 * Blocks until the test opens a latch it put into the system properties under the key given as input (the
 * JDK's classes are the one thing tests and function loaders share). {@code stubborn:KEY} ignores interrupts.
 */
public class Gate implements Handler<String, String> {

    @Override
    public String handle(String input, Context ctx) throws InterruptedException {
        boolean stubborn = input.startsWith("stubborn:");
        var latch = (CountDownLatch) System.getProperties().get(input);
        System.out.println("waiting at " + input);
        if (!stubborn) {
            latch.await();
            return "opened";
        }
        while (true) {
            try {
                latch.await();
                return "opened";
            } catch (InterruptedException ignored) {
                // a function that swallows interrupts: the runtime must discard its instance
            }
        }
    }
}
