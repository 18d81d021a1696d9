package dev.kumo.core.event;

/** A record kept in a {@link dev.kumo.spi.store.NamedRegistry} under its name. */
public interface Named {

    /** The unique name. */
    String name();
}
