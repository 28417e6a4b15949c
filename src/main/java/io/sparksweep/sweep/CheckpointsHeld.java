package io.sparksweep.sweep;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the checkpoints a driver holds in memory at once, and the most it ever held, so that the
 * bound a backend states can be tested. Thread-safe.
 */
public final class CheckpointsHeld {
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    /** One more checkpoint held. */
    public void acquire() {
        int n = now.incrementAndGet();
        most.accumulateAndGet(n, Math::max);
    }

    /** One checkpoint fewer. */
    public void release() {
        now.decrementAndGet();
    }

    /** Checkpoints held now. */
    public int now() {
        return now.get();
    }

    /** The most held at once so far. */
    public int most() {
        return most.get();
    }
}
