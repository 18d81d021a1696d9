package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** Answers whether the class named in the input is visible to function code, and which loader defined it. */
public class Probe implements Handler<String, String> {

    @Override
    public String handle(String className, Context ctx) {
        try {
            Class<?> c = Class.forName(className, false, Probe.class.getClassLoader());
            return "visible:" + (c.getClassLoader() == Probe.class.getClassLoader() ? "own" : "parent");
        } catch (ClassNotFoundException e) {
            return "invisible";
        }
    }
}
