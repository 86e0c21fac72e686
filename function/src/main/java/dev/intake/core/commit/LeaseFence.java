package dev.intake.core.commit;

/**
 * Whether an import may still send a write: its lease must hold for longer than a request needs
 * to land. The store checks it as each request goes out, every attempt of it, not only where the
 * commit hands the store a unit: an owner stalled past its lease (a pause, a call retried for
 * long) would otherwise send after another delivery had taken the import over, and undone it.
 * A lease is time, not a fence the tables check; this makes the owner keep to its time.
 */
@FunctionalInterface
public interface LeaseFence {

    /** Writes that belong to no import's lease (a catalog load, a test's store). */
    LeaseFence NONE = () -> { };

    /** @throws RuntimeException where the lease ends too soon for a request sent now to land within it */
    void check();
}
