package io.sparksweep.sweep;

import io.sparksweep.config.Trial;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.Network;
import io.sparksweep.nn.TrainingState;
import io.sparksweep.results.Curve;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import io.sparksweep.stopping.Bracket;
import io.sparksweep.stopping.Plan;
import io.sparksweep.stopping.RungScheduler;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The driver of a sweep with early stopping: feeds a {@link TrialBackend} the rounds of a
 * {@link RungScheduler}, and keeps the run folder such that a killed driver loses no finished
 * trial-rung.
 *
 * <p>After every trial-rung, in this order: its checkpoint is written to
 * {@code checkpoints/<id>-<epoch>.ckpt} (not after the top rung, a divergence or a failure), its
 * record {@code trials/<id>.json} is rewritten with the whole curve so far, the rung and bracket and
 * the status {@code stopped} (the final status of a trial not promoted; {@code ok} at the top rung),
 * and the checkpoint of its rung before is deleted. When a trial is finished (top rung, or not
 * promoted), its checkpoints are deleted.
 *
 * <p><b>Resume.</b> The scheduler is rebuilt by replaying it from round 0 on the records found on
 * disk: a trial-rung whose trial's record reached that rung (same bracket) is not run again, its
 * metric is read from the record's curve at the rung's epoch, so the promotions are those of the
 * interrupted run; the trial-rungs that have no record run from the checkpoint of the rung before
 * (from scratch when that file is missing or unreadable, which gives the same bits, only later).
 * The final table is that of an uninterrupted run.
 */
final class RungSweep implements RungRounds {
    private final RungScheduler scheduler;
    private final Map<String, Trial> trials = new LinkedHashMap<>();
    private final TrialInputs data;
    private final Path dir;
    private final CheckpointFiles files;
    private final TrialEvents events;
    private final Consumer<TrialResult> reused;
    private final PrintStream console;
    /** The last record of each trial: from the earlier run (resume) or from this run. */
    private final Map<String, TrialResult> latest = new HashMap<>();
    /** Trials whose latest record is the earlier run's, untouched by this run. */
    private final Set<String> earlier = new HashSet<>();
    private final Map<String, RungScheduler.Task> current = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private int trialRungsRun;
    private int trialRungsReused;

    /**
     * @param records the trial records of an interrupted run that may be reused (see {@link Resume}); empty for a new run
     * @param reused  told about a trial that had finished in the earlier run
     */
    RungSweep(Plan plan, List<Trial> trials, TrialInputs data, Path dir, Map<String, TrialResult> records,
              TrialEvents events, Consumer<TrialResult> reused, PrintStream console) {
        this.scheduler = new RungScheduler(plan);
        trials.forEach(t -> this.trials.put(t.id(), t));
        this.data = data;
        this.dir = dir;
        this.files = new CheckpointFiles(dir);
        this.events = events;
        this.reused = reused;
        this.console = console;
        records.forEach((id, r) -> {
            if (r.hasRung() && this.trials.containsKey(id)) {
                latest.put(id, r);
                earlier.add(id);
            }
        });
    }

    /** Trial-rungs trained in this run. */
    int trialRungsRun() {
        return trialRungsRun;
    }

    /** Trial-rungs taken from the earlier run's records. */
    int trialRungsReused() {
        return trialRungsReused;
    }

    @Override
    public List<RungWork> nextRound() {
        while (true) {
            List<RungScheduler.Task> round = scheduler.nextRound();
            if (round.isEmpty()) {
                files.removeIfEmpty();
                return List.of();
            }
            List<RungWork> work = new ArrayList<>();
            List<RungScheduler.Task> done = new ArrayList<>();
            for (RungScheduler.Task t : round) {
                current.put(t.trialId(), t);
                TrialResult r = latest.get(t.trialId());
                if (r != null && earlier.contains(t.trialId()) && r.bracket() == t.bracket() && r.rung() >= t.rung()) {
                    done.add(t);
                } else {
                    work.add(new RungWork(trials.get(t.trialId()), startFrom(t), t.toEpoch()));
                }
            }
            for (RungScheduler.Task t : done) {
                trialRungsReused++;
                TrialResult r = latest.get(t.trialId());
                if (t.top()) {
                    finish(t.trialId(), r, null);
                }
                decide(scheduler.report(t.trialId(), recordedReport(r, t)));
            }
            if (!work.isEmpty()) {
                trialRungsRun += work.size();
                return longestFirst(work);
            }
        }
    }

    /**
     * A round's trial-rungs in the order to submit them: the most expensive first (a trial's cost
     * per epoch, {@link TrialCost}, times the epochs of this rung), so that a round does not end
     * with one long trial-rung on an otherwise idle cluster; equal costs by trial id. Only when
     * they run changes: promotion waits for the whole rung whatever the order.
     */
    private List<RungWork> longestFirst(List<RungWork> work) {
        Map<RungWork, Double> cost = new IdentityHashMap<>();
        for (RungWork w : work) {
            cost.put(w, TrialCost.cost(w.trial(), data) / w.trial().config().epochs() * (w.toEpoch() - w.fromEpoch()));
        }
        List<RungWork> ordered = new ArrayList<>(work);
        ordered.sort(Comparator.comparingDouble((RungWork w) -> -cost.get(w)).thenComparing(w -> w.trial().id()));
        return ordered;
    }

    /** The epoch a trial-rung starts from: its rung's start when that checkpoint is on disk and reads, else 0. */
    private int startFrom(RungScheduler.Task t) {
        if (t.fromEpoch() == 0) {
            return 0;
        }
        Trial trial = trials.get(t.trialId());
        byte[] bytes = files.read(t.trialId(), t.fromEpoch());
        if (bytes == null) {
            console.println("warning: " + files.file(t.trialId(), t.fromEpoch()) + " is missing; trial " + t.trialId()
                    + " trains again from epoch 0 to " + t.toEpoch());
            return 0;
        }
        try {
            TrainingState.fromBytes(TrialRunner.architecture(trial, data), bytes);
            return t.fromEpoch();
        } catch (IllegalArgumentException e) {
            console.println("warning: " + files.file(t.trialId(), t.fromEpoch()) + ": " + e.getMessage() + "; trial "
                    + t.trialId() + " trains again from epoch 0 to " + t.toEpoch());
            return 0;
        }
    }

    /** A trial-rung as its record tells it: the metric at the rung's epoch, dead when it diverged or failed there. */
    private RungScheduler.Report recordedReport(TrialResult r, RungScheduler.Task t) {
        boolean dead = r.rung() == t.rung() && (r.status() == TrialStatus.DIVERGED || r.status() == TrialStatus.FAILED);
        if (dead || r.curve().epochs() < t.toEpoch()) {
            return RungScheduler.Report.DEAD;
        }
        return report(r.curve(), t.toEpoch(), true);
    }

    private RungScheduler.Report report(Curve c, int epoch, boolean continuable) {
        double[] values = switch (scheduler.plan().stopping().metric()) {
            case VALIDATION_ACCURACY -> c.validationAccuracy();
            case VALIDATION_LOSS -> c.validationLoss();
        };
        return new RungScheduler.Report(values[epoch - 1], continuable);
    }

    @Override
    public byte[] checkpoint(RungWork work) {
        if (work.fromEpoch() == 0) {
            return null;
        }
        byte[] bytes = files.read(work.trial().id(), work.fromEpoch());
        if (bytes == null) {
            throw new IllegalStateException(files.file(work.trial().id(), work.fromEpoch()) + ": checkpoint disappeared");
        }
        return bytes;
    }

    @Override
    public void started(int trialIndex, int fromEpoch) {
        events.started(trialIndex);
        events.epoch(trialIndex, fromEpoch);
    }

    @Override
    public void epoch(int trialIndex, int epoch) {
        events.epoch(trialIndex, epoch);
    }

    @Override
    public void finished(RungOutcome outcome) {
        String id = outcome.work().trial().id();
        RungScheduler.Task t = current.get(id);
        TrialResult previous = latest.get(id);
        TrialResult r = outcome.result();
        boolean continued = previous != null && outcome.work().fromEpoch() > 0;
        double wall = r.wallSeconds() + (continued ? previous.wallSeconds() : 0);
        double cpu = r.cpuSeconds() + (continued ? previous.cpuSeconds() : 0);
        TrialStatus status = switch (r.status()) {
            case OK, STOPPED -> t.top() ? TrialStatus.OK : TrialStatus.STOPPED;
            case DIVERGED -> TrialStatus.DIVERGED;
            case FAILED -> TrialStatus.FAILED;
        };
        if (status == TrialStatus.FAILED && previous != null) {
            r = r.withCurve(previous.curve()); // what the rungs before measured
        }
        Bracket bracket = bracketOf(t.bracket());
        r = r.atRung(t.bracket(), t.rung(), bracket.topRung(), status, wall, cpu);
        latest.put(id, r);
        earlier.remove(id);
        boolean alive = status == TrialStatus.STOPPED && outcome.checkpoint() != null;
        if (t.top()) {
            Network network = status == TrialStatus.OK && outcome.checkpoint() != null
                    ? TrainingState.fromBytes(architecture(id), outcome.checkpoint()).network() : null;
            finish(id, r, network);
        } else {
            if (alive) {
                files.write(id, t.toEpoch(), outcome.checkpoint());
            }
            ResultsIO.writeTrial(dir, r);
            files.deleteExcept(id, alive ? t.toEpoch() : -1);
        }
        decide(scheduler.report(id, status == TrialStatus.FAILED ? RungScheduler.Report.DEAD
                : report(r.curve(), Math.min(t.toEpoch(), r.curve().epochs()), alive || status == TrialStatus.OK)));
    }

    private Architecture architecture(String trialId) {
        return TrialRunner.architecture(trials.get(trialId), data);
    }

    private Bracket bracketOf(int s) {
        for (Bracket b : scheduler.plan().brackets()) {
            if (b.s() == s) {
                return b;
            }
        }
        throw new IllegalStateException("no bracket " + s);
    }

    /** Trials a rung did not promote are finished, as stopped (or diverged, or failed). */
    private void decide(List<RungScheduler.Decision> decisions) {
        for (RungScheduler.Decision d : decisions) {
            if (!d.promoted() && !finished.contains(d.trialId())) {
                finish(d.trialId(), latest.get(d.trialId()), null);
            }
        }
    }

    private void finish(String id, TrialResult r, Network network) {
        finished.add(id);
        if (earlier.contains(id)) {
            reused.accept(r);
        } else {
            events.finished(new TrialOutcome(r, network));
        }
        files.deleteExcept(id, -1);
    }
}
