package io.sparksweep.sweep;

import io.sparksweep.config.Trial;

import java.util.List;

/**
 * Runs the trials one after another in the calling thread, in sweep order: the reference the
 * Spark runs must equal. (One trial at a time, the order cannot change the total time, so the
 * longest-first order of {@code SparkBackend}, see {@link TrialCost}, is not applied here.) A trial that throws (any {@link RuntimeException} or {@link Error}, as on
 * {@code SparkBackend}'s last attempt) becomes a {@code failed} row and the others run on.
 */
public final class SequentialBackend implements TrialBackend {
    private final CheckpointsHeld held = new CheckpointsHeld();

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

    /**
     * Runs each trial-rung in turn in this thread; holds at most 2 checkpoints at once (the
     * trial-rung's input and its output until {@link RungRounds#finished} has written it).
     */
    @Override
    public void runRungs(RungRounds rounds, TrialInputs data) {
        runInThisThread(rounds, data, master(), held);
    }

    /** Runs every round of {@code rounds} in this thread, trial-rung after trial-rung, counting checkpoints in {@code held}. */
    static void runInThisThread(RungRounds rounds, TrialInputs data, String executor, CheckpointsHeld held) {
        for (List<RungWork> round = rounds.nextRound(); !round.isEmpty(); round = rounds.nextRound()) {
            for (RungWork work : round) {
                long t0 = System.nanoTime();
                Trial trial = work.trial();
                rounds.started(trial.index(), work.fromEpoch());
                RungOutcome outcome;
                byte[] checkpoint = null;
                try {
                    checkpoint = rounds.checkpoint(work);
                    if (checkpoint != null) {
                        held.acquire();
                    }
                    outcome = TrialRunner.runRung(work, checkpoint, data, executor, 0, m -> rounds.epoch(trial.index(), m.epoch()));
                } catch (RuntimeException e) {
                    outcome = new RungOutcome(work, TrialRunner.failed(trial, e, executor, 0, (System.nanoTime() - t0) / 1e9)
                            .result(), null);
                }
                if (checkpoint != null) {
                    held.release();
                }
                if (outcome.checkpoint() != null) {
                    held.acquire();
                }
                rounds.finished(outcome);
                if (outcome.checkpoint() != null) {
                    held.release();
                }
            }
        }
    }

    /** The checkpoints this backend held in memory, for tests of the bound. */
    public CheckpointsHeld held() {
        return held;
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
