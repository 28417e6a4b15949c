package io.sparksweep;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JVM is shutting down (a signal: Ctrl-C, SIGTERM from a cluster manager) while a sweep runs.
 * Spark's shutdown hook stops the context under the running jobs, so they abort; a backend that
 * sees an abort during shutdown throws this instead of recording the trial as failed, and the
 * command line says what is kept.
 */
public final class StoppedException extends SweepException {
    private static final long serialVersionUID = 1L;

    /** What the command line prints: the finished trials stay in the run folder. */
    public static final String MESSAGE = "stopped by a signal before the sweep finished; every finished trial (and "
            + "trial-rung) is kept in the run folder: 'sweep run CONFIG --resume RUN_DIR' finishes it";

    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    public StoppedException() {
        super(MESSAGE);
    }

    /**
     * Whether the caller is the first to say the sweep was stopped: a shutdown hook says it as the
     * signal arrives (the JVM may halt before the main thread gets to it), the command line when
     * its handler runs first; the line appears once.
     */
    public static boolean firstAnnouncement() {
        return ANNOUNCED.compareAndSet(false, true);
    }

    /** Whether the JVM has begun to shut down (a hook can no longer be added then). */
    public static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
