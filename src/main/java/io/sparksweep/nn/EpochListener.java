package io.sparksweep.nn;

/** Receives each epoch's metrics as soon as {@link Trainer} has computed them (e.g. for progress logs). */
@FunctionalInterface
public interface EpochListener {
    /** Called once per completed epoch, in order, on the training thread. */
    void onEpoch(EpochMetrics metrics);

    /** A listener that ignores every epoch. */
    static EpochListener none() {
        return m -> { };
    }
}
