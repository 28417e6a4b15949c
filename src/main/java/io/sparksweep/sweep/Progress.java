package io.sparksweep.sweep;

import io.sparksweep.config.Trial;
import io.sparksweep.results.Tables;
import io.sparksweep.results.TrialResult;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live progress of a sweep: trials done / running / total, the epoch of running trials where the
 * backend reports it, the best validation accuracy so far, elapsed time and an estimate of the
 * time left. On a terminal it is one line redrawn every second; otherwise (CI logs) a plain line
 * every {@code logEverySeconds}. A line for each finished trial is always printed.
 */
public final class Progress implements AutoCloseable {
    private final List<Trial> trials;
    private final PrintStream out;
    private final boolean terminal;
    private final int idLength; // trial ids are shown this long: short, but telling every trial apart
    private final long startNanos = System.nanoTime();
    private final Map<Integer, Integer> running = new TreeMap<>(); // trial index -> epochs done
    private final ScheduledExecutorService ticker;
    private int done;
    private double bestValidationAccuracy = Double.NaN;
    private boolean lineOpen;

    /**
     * @param terminal        redraw one line in place (true) or log periodic lines (false)
     * @param logEverySeconds period of the status line when not on a terminal; 0 for none
     */
    public Progress(List<Trial> trials, PrintStream out, boolean terminal, int logEverySeconds) {
        this.trials = trials;
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

    public synchronized void started(int trialIndex) {
        running.put(trialIndex, 0);
    }

    public synchronized void epoch(int trialIndex, int epoch) {
        running.put(trialIndex, epoch);
    }

    /** Prints the finished trial's line; {@code reused} marks a record taken from an earlier run. */
    public synchronized void finished(TrialResult r, boolean reused) {
        running.remove(r.index());
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
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
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
        if (done > 0 && done < trials.size()) {
            sb.append(", ETA ").append(clock(elapsed / done * (trials.size() - done)));
        }
        return sb.toString();
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
