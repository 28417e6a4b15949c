package io.sparksweep.sweep;

import io.sparksweep.config.Trial;
import io.sparksweep.results.Tables;
import io.sparksweep.results.TrialResult;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Live progress of a sweep: trials done / running / total, the epoch of running trials where the
 * backend reports it, the best validation accuracy so far, elapsed time and an estimate of the
 * time left. On a terminal it is one line redrawn every second; otherwise (CI logs) a plain line
 * every {@code logEverySeconds}. A line for each finished trial is always printed.
 *
 * <p><b>Time left.</b> Measured in epochs, each weighted by its trial's cost per epoch (e.g.
 * {@link TrialCost}, so that an epoch of a wide network counts for more than one of a narrow one):
 * the work done is the epochs of the trials finished in this run plus the epochs the running
 * ones have reached; the work left, the epochs each unfinished trial has still to train. The rate
 * is the work done over the time from the start to the latest report of an epoch, and the time
 * left is the work left at that rate, less the time since that report (Spark executors report
 * epochs only in their heartbeats). So a steady run counts down steadily, and no estimate is shown
 * before an epoch finished. Trials taken from an earlier run (resume) count neither way. With
 * early stopping the estimate assumes every unfinished trial trains all its epochs: an upper bound.
 */
public final class Progress implements AutoCloseable {
    private final List<Trial> trials;
    private final PrintStream out;
    private final boolean terminal;
    private final int idLength; // trial ids are shown this long: short, but telling every trial apart
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final double[] epochCost; // by trial index: the weight of one of its epochs
    private final Map<Integer, Integer> running = new TreeMap<>(); // trial index -> epochs done
    private final Map<Integer, Integer> reached = new HashMap<>(); // unfinished trial index -> epochs done in this run
    private final Set<Integer> finishedTrials = new HashSet<>(); // done in this run or reused
    private double finishedWork; // weighted epochs of the trials finished in this run
    private long lastReportNanos;
    private final ScheduledExecutorService ticker;
    private int done;
    private double bestValidationAccuracy = Double.NaN;
    private boolean lineOpen;

    /**
     * @param terminal        redraw one line in place (true) or log periodic lines (false)
     * @param logEverySeconds period of the status line when not on a terminal; 0 for none
     */
    public Progress(List<Trial> trials, PrintStream out, boolean terminal, int logEverySeconds) {
        this(trials, t -> 1, out, terminal, logEverySeconds, System::nanoTime);
    }

    /**
     * @param epochCost       the weight of one epoch of a trial in the estimate of the time left
     *                        (any unit, &gt; 0), e.g. its {@link TrialCost} over its epochs
     * @param terminal        redraw one line in place (true) or log periodic lines (false)
     * @param logEverySeconds period of the status line when not on a terminal; 0 for none
     * @param nanoClock       the clock, in nanoseconds ({@code System::nanoTime})
     */
    public Progress(List<Trial> trials, ToDoubleFunction<Trial> epochCost, PrintStream out, boolean terminal,
                    int logEverySeconds, LongSupplier nanoClock) {
        this.trials = trials;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastReportNanos = startNanos;
        this.epochCost = new double[trials.size()];
        for (Trial t : trials) {
            this.epochCost[t.index()] = epochCost.applyAsDouble(t);
        }
        this.out = out;
        this.terminal = terminal;
        this.idLength = Tables.shortIdLength(trials.stream().map(Trial::id).toList());
        int period = terminal ? 1 : logEverySeconds;
        if (period > 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sparksweep-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::status, period, period, TimeUnit.SECONDS);
        } else {
            ticker = null;
        }
    }

    /** Whether standard output is an interactive terminal. */
    public static boolean stdoutIsTerminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** A trial began training (again, for a later rung with early stopping). */
    public synchronized void started(int trialIndex) {
        running.put(trialIndex, 0);
        reached.putIfAbsent(trialIndex, 0);
    }

    /** A running trial has finished {@code epoch} epochs. */
    public synchronized void epoch(int trialIndex, int epoch) {
        if (finishedTrials.contains(trialIndex)) {
            return; // a heartbeat that arrived after the trial's result
        }
        running.put(trialIndex, epoch);
        Integer before = reached.get(trialIndex);
        if (before != null && epoch > before) {
            reached.put(trialIndex, epoch);
            lastReportNanos = nanoClock.getAsLong();
        }
    }

    /** Prints the finished trial's line; {@code reused} marks a record taken from an earlier run. */
    public synchronized void finished(TrialResult r, boolean reused) {
        running.remove(r.index());
        int trained = reached.getOrDefault(r.index(), 0);
        reached.remove(r.index());
        if (finishedTrials.add(r.index()) && !reused) {
            finishedWork += Math.max(trained, r.curve().epochs()) * epochCost[r.index()];
            lastReportNanos = nanoClock.getAsLong();
        }
        done++;
        double acc = r.validationAccuracy();
        if (!Double.isNaN(acc) && (Double.isNaN(bestValidationAccuracy) || acc > bestValidationAccuracy)) {
            bestValidationAccuracy = acc;
        }
        clearLine();
        out.printf(Locale.ROOT, "[%d/%d] trial %s %s: %s val acc %s (%s)%n", done, trials.size(), Tables.shortId(r.id(), idLength),
                Tables.varied(r.varied()), r.status().id(), Tables.percent(acc),
                reused ? "from the earlier run" : String.format(Locale.ROOT, "%.1fs on %s", r.wallSeconds(), r.executor()));
    }

    /** The current status line: {@code 3/6 done, 2 running (relu/1e-3 epoch 12/50, ...), best 93.1%, 0:42 elapsed, ETA 0:40}. */
    public synchronized String statusLine() {
        long now = nanoClock.getAsLong();
        double elapsed = (now - startNanos) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(done).append('/').append(trials.size()).append(" done, ").append(running.size()).append(" running");
        if (!running.isEmpty()) {
            StringBuilder epochs = new StringBuilder();
            running.forEach((index, epoch) -> {
                if (epoch > 0) {
                    Trial t = trials.get(index);
                    epochs.append(epochs.length() == 0 ? "" : ", ").append(Tables.shortId(t.id(), idLength)).append(" epoch ")
                            .append(epoch).append('/').append(t.config().epochs());
                }
            });
            if (epochs.length() > 0) {
                sb.append(" (").append(epochs).append(')');
            }
        }
        sb.append(", best val acc ").append(Tables.percent(bestValidationAccuracy));
        sb.append(", ").append(clock(elapsed)).append(" elapsed");
        double left = secondsLeft(now);
        if (!Double.isNaN(left)) {
            sb.append(", ETA ").append(clock(left));
        }
        return sb.toString();
    }

    /** The estimate of the class comment, in seconds; NaN before any epoch finished or when nothing is left. */
    private double secondsLeft(long now) {
        double workDone = finishedWork;
        double workLeft = 0;
        for (Trial t : trials) {
            if (finishedTrials.contains(t.index())) {
                continue;
            }
            int epochs = reached.getOrDefault(t.index(), 0);
            workDone += epochs * epochCost[t.index()];
            workLeft += Math.max(0, t.config().epochs() - epochs) * epochCost[t.index()];
        }
        double measured = (lastReportNanos - startNanos) / 1e9;
        if (workDone <= 0 || workLeft <= 0 || measured <= 0) {
            return Double.NaN;
        }
        return Math.max(0, workLeft / (workDone / measured) - (now - lastReportNanos) / 1e9);
    }

    private synchronized void status() {
        String line = statusLine();
        if (terminal) {
            out.print("\r" + line + "\033[K");
            lineOpen = true;
        } else {
            out.println("progress: " + line);
        }
        out.flush();
    }

    private void clearLine() {
        if (lineOpen) {
            out.print("\r\033[K");
            lineOpen = false;
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clearLine();
    }
}
