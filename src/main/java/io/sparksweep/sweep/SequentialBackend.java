package io.sparksweep.sweep;

import io.sparksweep.config.Trial;

import java.util.List;

/**
 * Runs the trials one after another in the calling thread: the reference the Spark runs must
 * equal. A trial that throws (any {@link RuntimeException} or {@link Error}, as on
 * {@code SparkBackend}'s last attempt) becomes a {@code failed} row and the others run on.
 */
public final class SequentialBackend implements TrialBackend {

    @Override
    public void run(List<Trial> trials, TrialInputs inputs, TrialEvents events) {
        for (Trial trial : trials) {
            long t0 = System.nanoTime();
            events.started(trial.index());
            TrialOutcome outcome;
            try {
                outcome = TrialRunner.run(trial, inputs, master(), 0, m -> events.epoch(trial.index(), m.epoch()));
            } catch (RuntimeException | Error e) {
                outcome = TrialRunner.failed(trial, e, master(), 0, (System.nanoTime() - t0) / 1e9);
            }
            events.finished(outcome);
        }
    }

    @Override
    public String master() {
        return "sequential";
    }

    @Override
    public String engineVersion() {
        return "none";
    }
}
