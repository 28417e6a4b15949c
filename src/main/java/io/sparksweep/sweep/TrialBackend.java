package io.sparksweep.sweep;

import io.sparksweep.config.Trial;

import java.util.List;

/** Runs a sweep's trials somewhere: in this thread, or as Spark tasks. */
public interface TrialBackend {

    /**
     * Runs every trial on {@code inputs} and reports each outcome to {@code events} on the calling (driver) side
     * as soon as it completes, in completion order.
     */
    void run(List<Trial> trials, TrialInputs inputs, TrialEvents events);

    /**
     * Runs a sweep with early stopping: every round of {@code rounds}, each trial-rung as one
     * unit of work (a Spark task), delivering each outcome to {@code rounds} on the calling thread.
     * Returns when {@code rounds} has no more work. By default the trial-rungs run one after
     * another in the calling thread, as {@link SequentialBackend} runs them.
     */
    default void runRungs(RungRounds rounds, TrialInputs data) {
        SequentialBackend.runInThisThread(rounds, data, master(), new CheckpointsHeld());
    }

    /** Where trials run, e.g. {@code local[2]} or {@code sequential}; stored in results.json. */
    String master();

    /** Version of the engine, e.g. the Spark version; stored in results.json. */
    String engineVersion();
}
