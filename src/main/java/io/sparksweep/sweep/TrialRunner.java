package io.sparksweep.sweep;

import io.sparksweep.config.Trial;
import io.sparksweep.config.TrialConfig;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.EpochListener;
import io.sparksweep.nn.Network;
import io.sparksweep.nn.TrainingResult;
import io.sparksweep.nn.Trainer;
import io.sparksweep.results.Curve;
import io.sparksweep.results.Provenance;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Trains one trial. The same code runs in a unit test, in a Spark task and on a cluster
 * executor; nothing here knows Spark. Every result carries the {@link Provenance} of the JVM
 * that produced it, measured there once per JVM.
 */
public final class TrialRunner {
    private TrialRunner() {
    }

    /**
     * Initialises (or warm-starts) and trains {@code trial} with the settings it carries
     * ({@code trial.config().training()}, validated when the config was read). A NaN or infinite
     * loss gives a {@code diverged} result; other errors propagate so that the caller can retry or
     * record them.
     *
     * @param executor names where it ran, recorded in the result
     * @param attempt  the attempt number, recorded in the result
     * @param listener told after every epoch; may be null
     */
    public static TrialOutcome run(Trial trial, TrialInputs data, String executor, int attempt, EpochListener listener) {
        // Measured (and the BLAS loaded) once per JVM, before the clock starts.
        Provenance provenance = Provenance.ofThisJvm();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        TrialConfig c = trial.config();
        Network start;
        if (c.init().isWarmStart()) {
            start = data.warmStarts().get(c.init().modelFile());
            if (start == null) {
                throw new IllegalStateException("warm-start model " + c.init().modelFile() + " was not loaded");
            }
        } else {
            Architecture arch = new Architecture(data.train().features(), c.hidden(), c.activation(),
                    data.train().classes());
            start = Network.initialise(arch, c.init().initializer(), c.init().sigma(), trial.seed());
        }
        TrainingResult trained = Trainer.train(start, data.train(), data.validation(), c.training(), listener);
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        TrialStatus status = trained.diverged() ? TrialStatus.DIVERGED : TrialStatus.OK;
        String error = trained.diverged() ? "loss became NaN or infinite" : null;
        TrialResult result = new TrialResult(trial.id(), trial.index(), trial.varied(), c.describe(), trial.seed(),
                status, error, Curve.of(trained.curve()), wall, cpu, executor, processName(), attempt, provenance);
        return new TrialOutcome(result, trained.diverged() ? null : trained.network());
    }

    /**
     * A {@code failed} outcome for a trial that threw on its last attempt, with this JVM's
     * provenance (or none when measuring it is what failed).
     */
    public static TrialOutcome failed(Trial trial, Throwable error, String executor, int attempt, double wallSeconds) {
        String message = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        TrialResult result = new TrialResult(trial.id(), trial.index(), trial.varied(), trial.config().describe(),
                trial.seed(), TrialStatus.FAILED, message, Curve.empty(), wallSeconds, 0, executor, processName(), attempt,
                provenanceOrNull());
        return new TrialOutcome(result, null);
    }

    private static Provenance provenanceOrNull() {
        try {
            return Provenance.ofThisJvm();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** {@code pid@host} of this JVM. */
    public static String processName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
