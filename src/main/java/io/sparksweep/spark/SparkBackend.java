package io.sparksweep.spark;

import io.sparksweep.StoppedException;
import io.sparksweep.SweepException;
import io.sparksweep.config.Trial;
import io.sparksweep.sweep.CheckpointsHeld;
import io.sparksweep.sweep.RungOutcome;
import io.sparksweep.sweep.RungRounds;
import io.sparksweep.sweep.RungWork;
import io.sparksweep.sweep.TrialBackend;
import io.sparksweep.sweep.TrialCost;
import io.sparksweep.sweep.TrialEvents;
import io.sparksweep.sweep.TrialInputs;
import io.sparksweep.sweep.TrialOutcome;
import io.sparksweep.sweep.TrialRunner;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkException;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple4;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Runs trials as Spark tasks, one trial per task and one Spark job per trial, submitted longest
 * first ({@link TrialCost}) so that no core idles at the end while a long trial runs. The data is
 * broadcast once; each task trains its trial and returns its outcome, which the driver receives
 * as soon as that task finishes, so results are recorded as they come and only the best weights
 * need be kept. A trial that fails on every attempt becomes a {@code failed} row: when its task
 * throws, the last attempt returns the row itself; when its executor dies on every attempt
 * (killed, out of memory, a native crash), Spark aborts that trial's job alone and the driver
 * writes the row with Spark's reason. Every other trial runs on.
 */
public final class SparkBackend implements TrialBackend {
    /** How often the driver looks for aborted trial jobs while no outcome arrives. */
    private static final long POLL_MILLIS = 200;
    /** The local property that tells the listener which trial a trial-rung job trains. */
    static final String TRIAL_PROPERTY = "sparksweep.trial";
    private final JavaSparkContext sc;
    private final FaultPlan faults;
    private final CheckpointsHeld held = new CheckpointsHeld();

    public SparkBackend(JavaSparkContext sc) {
        this(sc, FaultPlan.none());
    }

    /** A backend that injects {@code faults} into the tasks (for recovery tests). */
    public SparkBackend(JavaSparkContext sc, FaultPlan faults) {
        this.sc = sc;
        this.faults = faults;
    }

    @Override
    public void run(List<Trial> trials, TrialInputs data, TrialEvents events) {
        if (trials.isEmpty()) {
            return;
        }
        Broadcast<TrialInputs> broadcast = sc.broadcast(data);
        LongAccumulator epochs = sc.sc().longAccumulator("sparksweep.epochs");
        TaskStarts starts = new TaskStarts(trials, events, epochs.id());
        sc.sc().addSparkListener(starts);
        List<SimpleFutureAction<BoxedUnit>> jobs = new ArrayList<>();
        try {
            int maxFailures = maxTaskFailures();
            JavaRDD<Trial> all = sc.parallelize(trials, trials.size());
            TrainTrial train = new TrainTrial(broadcast, maxFailures, faults, epochs);
            BlockingQueue<TrialOutcome> arrived = new LinkedBlockingQueue<>();
            // One job per trial (partition i holds trial i), all submitted at once: the scheduler runs
            // them side by side as one job's tasks would run, but a trial whose task fails
            // spark.task.maxFailures times aborts only its own job. Each job computes an RDD of its
            // own: Spark aborts every active job whose final RDD's lineage contains the failed
            // stage's RDD (DAGScheduler.stageDependsOn), so one shared mapped RDD would abort them all.
            // The jobs are submitted longest first (TrialCost): the FIFO scheduler (Spark's default
            // spark.scheduler.mode) offers a free core to the pending task of the earliest job, so
            // the trials start in that order, each the moment a core is free, and the short ones
            // run last, filling the cores the long ones leave. Only when trials run changes.
            List<SimpleFutureAction<BoxedUnit>> byPosition = new ArrayList<>(Collections.nCopies(trials.size(), null));
            Map<String, Integer> position = positions(trials);
            for (Trial trial : TrialCost.longestFirst(trials, data)) {
                int i = position.get(trial.id());
                JavaRDD<TrialOutcome> outcome = all.map(train);
                SimpleFutureAction<BoxedUnit> job = sc.sc().submitJob(outcome.rdd(), new SingleOutcome<TrialOutcome>(),
                        CollectionConverters.asScala(List.<Object>of(i)).toSeq(), new Deliver<>(arrived), new Done());
                jobs.add(job);
                byPosition.set(i, job);
            }
            deliverAll(trials, byPosition, arrived, starts, events, maxFailures);
        } finally {
            for (SimpleFutureAction<BoxedUnit> job : jobs) {
                if (!job.isCompleted()) {
                    job.cancel();
                }
            }
            sc.sc().removeSparkListener(starts);
            broadcast.destroy();
        }
    }

    /**
     * Runs a sweep with early stopping: each trial-rung is one Spark job of one task, as each
     * trial is without stopping, so a trial-rung that fails on every attempt fails alone. The data
     * is broadcast once for all rounds. The checkpoint a trial-rung starts from is read from the
     * run folder ({@link RungRounds#checkpoint}) only when its job is submitted and travels in the
     * task; the new checkpoint comes back as the task's result and is written to the run folder by
     * {@link RungRounds#finished}: no shared file system is needed.
     *
     * <p><b>Memory bound.</b> At most {@link #rungsInFlight()} trial-rung jobs are submitted at
     * once (Spark's default parallelism: the cores that run tasks), so the driver holds at most
     * {@code 2 × rungsInFlight()} checkpoints at a time: the inputs of the jobs in flight, and the
     * outputs that arrived and are not yet written. {@link #held()} counts them.
     */
    @Override
    public void runRungs(RungRounds rounds, TrialInputs data) {
        Broadcast<TrialInputs> broadcast = sc.broadcast(data);
        LongAccumulator epochs = sc.sc().longAccumulator("sparksweep.epochs");
        RungStarts starts = new RungStarts(rounds, epochs.id());
        sc.sc().addSparkListener(starts);
        try {
            int maxFailures = maxTaskFailures();
            TrainRung train = new TrainRung(broadcast, maxFailures, faults, epochs);
            for (List<RungWork> round = rounds.nextRound(); !round.isEmpty(); round = rounds.nextRound()) {
                runRound(round, rounds, train, starts, maxFailures);
            }
        } finally {
            sc.sc().removeSparkListener(starts);
            broadcast.destroy();
        }
    }

    /** Trial-rung jobs submitted at once: Spark's default parallelism, at least 1. */
    public int rungsInFlight() {
        return Math.max(1, sc.defaultParallelism());
    }

    /** The checkpoints this backend has held in the driver's memory (see {@link #runRungs}). */
    public CheckpointsHeld held() {
        return held;
    }

    /** A submitted trial-rung job and whether it carries a checkpoint. */
    private record InFlight(RungWork work, SimpleFutureAction<BoxedUnit> job, boolean carriesCheckpoint) {
    }

    private void runRound(List<RungWork> round, RungRounds rounds, TrainRung train, RungStarts starts, int maxFailures) {
        ArrayDeque<RungWork> waiting = new ArrayDeque<>(round);
        BlockingQueue<RungOutcome> arrived = new LinkedBlockingQueue<>();
        Map<String, InFlight> inFlight = new LinkedHashMap<>();
        int window = rungsInFlight();
        long t0 = System.nanoTime();
        try {
            while (!waiting.isEmpty() || !inFlight.isEmpty()) {
                while (inFlight.size() < window && !waiting.isEmpty()) {
                    RungWork work = waiting.poll();
                    byte[] checkpoint = rounds.checkpoint(work);
                    if (checkpoint != null) {
                        held.acquire();
                    }
                    starts.submitting(work);
                    sc.setLocalProperty(TRIAL_PROPERTY, work.trial().id());
                    SimpleFutureAction<BoxedUnit> job;
                    try {
                        JavaRDD<RungOutcome> outcome = sc.parallelize(List.of(new RungInput(work, checkpoint)), 1).map(train);
                        job = sc.sc().submitJob(outcome.rdd(), new SingleOutcome<RungOutcome>(),
                                CollectionConverters.asScala(List.<Object>of(0)).toSeq(), new Deliver<>(arrived), new Done());
                    } finally {
                        sc.setLocalProperty(TRIAL_PROPERTY, null);
                    }
                    inFlight.put(work.trial().id(), new InFlight(work, job, checkpoint != null));
                }
                RungOutcome outcome;
                try {
                    outcome = arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SweepException("interrupted while waiting for trial-rungs", e);
                }
                if (outcome != null) {
                    if (outcome.checkpoint() != null) {
                        held.acquire();
                    }
                    done(inFlight.remove(outcome.work().trial().id()));
                    rounds.finished(outcome);
                    if (outcome.checkpoint() != null) {
                        held.release();
                    }
                    continue;
                }
                for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext(); ) {
                    InFlight f = it.next();
                    if (f.job().isCompleted() && f.job().value().get().isFailure()) {
                        stoppedBySignal();
                        it.remove();
                        done(f);
                        Throwable cause = f.job().value().get().failed().get();
                        Trial trial = f.work().trial();
                        rounds.finished(new RungOutcome(f.work(), TrialRunner.failed(trial,
                                new SparkException(abortReason(cause)), starts.lastExecutor(trial.id()), maxFailures - 1,
                                (System.nanoTime() - t0) / 1e9).result(), null));
                    }
                }
            }
        } finally {
            for (InFlight f : inFlight.values()) {
                if (!f.job().isCompleted()) {
                    f.job().cancel();
                }
                done(f);
            }
        }
    }

    private void done(InFlight f) {
        if (f != null && f.carriesCheckpoint()) {
            held.release();
        }
    }

    /**
     * Hands every trial's outcome to {@code events} on this thread, in the order they finish: the
     * outcome a task returned, or a failed row for a trial whose job Spark aborted.
     */
    private static void deliverAll(List<Trial> trials, List<SimpleFutureAction<BoxedUnit>> jobs,
                                   BlockingQueue<TrialOutcome> arrived, TaskStarts starts, TrialEvents events,
                                   int maxFailures) {
        long t0 = System.nanoTime();
        Set<Integer> pending = new TreeSet<>();
        for (int i = 0; i < trials.size(); i++) {
            pending.add(i);
        }
        Map<String, Integer> position = positions(trials);
        while (!pending.isEmpty()) {
            TrialOutcome outcome;
            try {
                outcome = arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SweepException("interrupted while waiting for trials", e);
            }
            if (outcome != null) {
                pending.remove(position.get(outcome.result().id()));
                events.finished(outcome);
                continue;
            }
            for (Iterator<Integer> it = pending.iterator(); it.hasNext(); ) {
                int i = it.next();
                SimpleFutureAction<BoxedUnit> job = jobs.get(i);
                // A job that succeeded has already queued its outcome (the result handler runs
                // before the job completes); only aborted jobs are handled here.
                if (job.isCompleted() && job.value().get().isFailure()) {
                    stoppedBySignal();
                    it.remove();
                    Trial trial = trials.get(i);
                    Throwable cause = job.value().get().failed().get();
                    events.finished(TrialRunner.failed(trial, new SparkException(abortReason(cause)),
                            starts.lastExecutor(trial.index()), maxFailures - 1, (System.nanoTime() - t0) / 1e9));
                }
            }
        }
    }

    /**
     * A job aborted while the JVM shuts down was stopped under the trial by Spark's shutdown hook:
     * the trial did not fail, and it is not recorded as failed (a resume trains it).
     *
     * @throws StoppedException when the JVM is shutting down
     */
    private static void stoppedBySignal() {
        if (StoppedException.shuttingDown()) {
            throw new StoppedException();
        }
    }

    /** Each trial's position in {@code trials} (its partition), by id. */
    private static Map<String, Integer> positions(List<Trial> trials) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < trials.size(); i++) {
            position.put(trials.get(i).id(), i);
        }
        return position;
    }

    /** Spark's abort message without its driver stack trace: the stage, the attempts and the last task's failure. */
    static String abortReason(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        int trace = message.indexOf("\nDriver stacktrace:");
        if (trace >= 0) {
            message = message.substring(0, trace);
        }
        int line = message.indexOf('\n');
        return (line >= 0 ? message.substring(0, line) : message).strip();
    }

    /**
     * Tells the events which trial a starting task trains (partition i holds trial i), and the
     * epochs a running task has finished, which executors report in their heartbeats
     * ({@code spark.executor.heartbeatInterval}) as the task's value of the epoch accumulator.
     */
    private static final class TaskStarts extends SparkListener {
        private final List<Trial> trials;
        private final TrialEvents events;
        private final long epochAccumulator;
        private final Map<Long, Integer> trialOfTask = new ConcurrentHashMap<>();
        private final Map<Integer, String> executorOfTrial = new ConcurrentHashMap<>();

        TaskStarts(List<Trial> trials, TrialEvents events, long epochAccumulator) {
            this.trials = trials;
            this.events = events;
            this.epochAccumulator = epochAccumulator;
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            int partition = start.taskInfo().partitionId();
            if (partition >= 0 && partition < trials.size()) {
                trialOfTask.put(start.taskInfo().taskId(), trials.get(partition).index());
                executorOfTrial.put(trials.get(partition).index(), start.taskInfo().executorId());
                events.started(trials.get(partition).index());
            }
        }

        /** The executor that ran the trial's latest attempt, or {@code ?} before any started. */
        String lastExecutor(int trialIndex) {
            return executorOfTrial.getOrDefault(trialIndex, "?");
        }

        @Override
        public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
            epochUpdates(update, epochAccumulator, (task, done) -> {
                Integer trial = trialOfTask.get(task);
                if (trial != null) {
                    events.epoch(trial, done);
                }
            });
        }
    }

    /** Attempts Spark makes per task: {@code spark.task.maxFailures}, or F in {@code local[N, F]} (1 in other local masters). */
    int maxTaskFailures() {
        return MasterUrl.localTaskAttempts(sc.master()).orElse(sc.getConf().getInt("spark.task.maxFailures", 4));
    }

    @Override
    public String master() {
        return sc.master();
    }

    @Override
    public String engineVersion() {
        return "Spark " + sc.version();
    }

    /**
     * A task body: trains one trial (or trial-rung) on the broadcast inputs, with the fault plan of
     * the tests applied first; an error is rethrown for Spark to retry until the last allowed
     * attempt, whose error becomes a failed outcome instead, so that one trial never sinks a sweep.
     *
     * @param <I> what one task receives
     * @param <O> what it returns to the driver
     */
    abstract static class TrainTask<I, O> implements Function<I, O> {
        private static final long serialVersionUID = 1L;
        final Broadcast<TrialInputs> data;
        private final int maxFailures;
        private final FaultPlan faults;
        final LongAccumulator epochs;

        TrainTask(Broadcast<TrialInputs> data, int maxFailures, FaultPlan faults, LongAccumulator epochs) {
            this.data = data;
            this.maxFailures = maxFailures;
            this.faults = faults;
            this.epochs = epochs;
        }

        abstract Trial trial(I input);

        abstract O train(I input, String executor, int attempt);

        abstract O failed(I input, TrialOutcome failure);

        @Override
        public O call(I input) {
            TaskContext task = TaskContext.get();
            int attempt = task == null ? 0 : task.attemptNumber();
            String executor = SparkEnv.get() == null ? "?" : SparkEnv.get().executorId();
            long t0 = System.nanoTime();
            Trial trial = trial(input);
            try {
                faults.apply(trial.id(), attempt);
                return train(input, executor, attempt);
            } catch (RuntimeException | Error e) {
                if (attempt + 1 < maxFailures) {
                    throw e; // Spark retries the task
                }
                return failed(input, TrialRunner.failed(trial, e, executor, attempt, (System.nanoTime() - t0) / 1e9));
            }
        }
    }

    /** The task body of a trial. */
    static final class TrainTrial extends TrainTask<Trial, TrialOutcome> {
        private static final long serialVersionUID = 1L;

        TrainTrial(Broadcast<TrialInputs> data, int maxFailures, FaultPlan faults, LongAccumulator epochs) {
            super(data, maxFailures, faults, epochs);
        }

        @Override
        Trial trial(Trial input) {
            return input;
        }

        @Override
        TrialOutcome train(Trial trial, String executor, int attempt) {
            return TrialRunner.run(trial, data.value(), executor, attempt, m -> epochs.add(1));
        }

        @Override
        TrialOutcome failed(Trial trial, TrialOutcome failure) {
            return failure;
        }
    }

    /** What a trial-rung task receives: the work and the checkpoint it starts from (null from scratch). */
    record RungInput(RungWork work, byte[] checkpoint) implements Serializable {
    }

    /** The task body of a trial-rung. */
    static final class TrainRung extends TrainTask<RungInput, RungOutcome> {
        private static final long serialVersionUID = 1L;

        TrainRung(Broadcast<TrialInputs> data, int maxFailures, FaultPlan faults, LongAccumulator epochs) {
            super(data, maxFailures, faults, epochs);
        }

        @Override
        Trial trial(RungInput input) {
            return input.work().trial();
        }

        @Override
        RungOutcome train(RungInput input, String executor, int attempt) {
            return TrialRunner.runRung(input.work(), input.checkpoint(), data.value(), executor, attempt,
                    m -> epochs.add(1));
        }

        @Override
        RungOutcome failed(RungInput input, TrialOutcome failure) {
            return new RungOutcome(input.work(), failure.result(), null);
        }
    }

    /**
     * Tells {@code rounds} which trial a starting trial-rung task trains (its job carries the
     * trial id as the local property {@link #TRIAL_PROPERTY}) and the epochs it has reached,
     * from the executors' heartbeats.
     */
    private static final class RungStarts extends SparkListener {
        private final RungRounds rounds;
        private final long epochAccumulator;
        private final Map<String, RungWork> submitted = new ConcurrentHashMap<>();
        private final Map<Integer, RungWork> workOfStage = new ConcurrentHashMap<>();
        private final Map<Long, RungWork> workOfTask = new ConcurrentHashMap<>();
        private final Map<String, String> executorOfTrial = new ConcurrentHashMap<>();

        RungStarts(RungRounds rounds, long epochAccumulator) {
            this.rounds = rounds;
            this.epochAccumulator = epochAccumulator;
        }

        void submitting(RungWork work) {
            submitted.put(work.trial().id(), work);
        }

        String lastExecutor(String trialId) {
            return executorOfTrial.getOrDefault(trialId, "?");
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            String id = start.properties() == null ? null : start.properties().getProperty(TRIAL_PROPERTY);
            RungWork work = id == null ? null : submitted.get(id);
            if (work != null) {
                for (Object stage : CollectionConverters.asJava(start.stageIds())) {
                    workOfStage.put((Integer) stage, work);
                }
            }
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            RungWork work = workOfStage.get(start.stageId());
            if (work != null) {
                workOfTask.put(start.taskInfo().taskId(), work);
                executorOfTrial.put(work.trial().id(), start.taskInfo().executorId());
                rounds.started(work.trial().index(), work.fromEpoch());
            }
        }

        @Override
        public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
            epochUpdates(update, epochAccumulator, (task, done) -> {
                RungWork work = workOfTask.get(task);
                if (work != null) {
                    rounds.epoch(work.trial().index(), work.fromEpoch() + done);
                }
            });
        }
    }

    /** Calls {@code sink} with (task id, epochs done) for every running task's epoch accumulator in a heartbeat. */
    static void epochUpdates(SparkListenerExecutorMetricsUpdate update, long accumulator,
                             BiConsumer<Long, Integer> sink) {
        scala.collection.Iterator<scala.Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>>> tasks =
                update.accumUpdates().iterator();
        while (tasks.hasNext()) {
            var task = tasks.next();
            scala.collection.Iterator<AccumulableInfo> accumulators = task._4().iterator();
            while (accumulators.hasNext()) {
                AccumulableInfo a = accumulators.next();
                if (a.id() == accumulator && a.update().isDefined() && a.update().get() instanceof Long done) {
                    sink.accept((Long) task._1(), done.intValue());
                }
            }
        }
    }

    /** Each partition holds exactly one trial (or trial-rung). */
    static final class SingleOutcome<T> extends AbstractFunction1<scala.collection.Iterator<T>, T>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public T apply(scala.collection.Iterator<T> it) {
            return it.next();
        }
    }

    /** Runs on the driver as each task's result arrives: queues it for {@link #deliverAll} (or the rung loop). */
    static final class Deliver<T> extends AbstractFunction2<Object, T, BoxedUnit> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<T> arrived;

        Deliver(BlockingQueue<T> arrived) {
            this.arrived = arrived;
        }

        @Override
        public BoxedUnit apply(Object partition, T outcome) {
            arrived.add(outcome);
            return BoxedUnit.UNIT;
        }
    }

    /** A job's overall result: nothing, the outcome went through {@link Deliver}. */
    static final class Done extends AbstractFunction0<BoxedUnit> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
