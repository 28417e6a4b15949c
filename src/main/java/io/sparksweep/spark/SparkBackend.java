package io.sparksweep.spark;

import io.sparksweep.config.Trial;
import io.sparksweep.sweep.SweepData;
import io.sparksweep.sweep.TrialBackend;
import io.sparksweep.sweep.TrialEvents;
import io.sparksweep.sweep.TrialOutcome;
import io.sparksweep.sweep.TrialRunner;
import org.apache.spark.SparkEnv;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.io.Serializable;
import java.util.List;

/**
 * Runs trials as Spark tasks, one trial per task. The data is broadcast once; each task
 * trains its trial and returns its outcome, which the driver receives as soon as that task
 * finishes (not when the whole job does), so results are recorded as they come and only the
 * best weights need be kept.
 */
public final class SparkBackend implements TrialBackend {
    private final JavaSparkContext sc;
    private final FaultPlan faults;

    public SparkBackend(JavaSparkContext sc) {
        this(sc, FaultPlan.none());
    }

    /** A backend that injects {@code faults} into the tasks (for recovery tests). */
    public SparkBackend(JavaSparkContext sc, FaultPlan faults) {
        this.sc = sc;
        this.faults = faults;
    }

    @Override
    public void run(List<Trial> trials, SweepData data, TrialEvents events) {
        if (trials.isEmpty()) {
            return;
        }
        Broadcast<SweepData> broadcast = sc.broadcast(data);
        LongAccumulator epochs = sc.sc().longAccumulator("sparksweep.epochs");
        TaskStarts starts = new TaskStarts(trials, events, epochs.id());
        sc.sc().addSparkListener(starts);
        try {
            int maxFailures = maxTaskFailures();
            JavaRDD<TrialOutcome> outcomes = sc.parallelize(trials, trials.size())
                    .map(new TrainTrial(broadcast, maxFailures, faults, epochs));
            ClassTag<TrialOutcome> tag = ClassTag$.MODULE$.apply(TrialOutcome.class);
            sc.sc().runJob(outcomes.rdd(), new SingleOutcome(), new Deliver(events), tag);
        } finally {
            sc.sc().removeSparkListener(starts);
            broadcast.destroy();
        }
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
        private final java.util.Map<Long, Integer> trialOfTask = new java.util.concurrent.ConcurrentHashMap<>();

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
                events.started(trials.get(partition).index());
            }
        }

        @Override
        public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
            scala.collection.Iterator<scala.Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>>> tasks =
                    update.accumUpdates().iterator();
            while (tasks.hasNext()) {
                var task = tasks.next();
                Integer trial = trialOfTask.get((Long) task._1());
                if (trial == null) {
                    continue;
                }
                scala.collection.Iterator<AccumulableInfo> accumulators = task._4().iterator();
                while (accumulators.hasNext()) {
                    AccumulableInfo a = accumulators.next();
                    if (a.id() == epochAccumulator && a.update().isDefined() && a.update().get() instanceof Long done) {
                        events.epoch(trial, done.intValue());
                    }
                }
            }
        }
    }

    /** Attempts Spark makes per task: {@code spark.task.maxFailures}, or N in {@code local[*, N]}. */
    int maxTaskFailures() {
        String master = sc.master();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[[^,\\]]+,\\s*(\\d+)\\]").matcher(master);
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        if (master.equals("local") || master.startsWith("local[")) {
            return 1;
        }
        return sc.getConf().getInt("spark.task.maxFailures", 4);
    }

    @Override
    public String master() {
        return sc.master();
    }

    @Override
    public String engineVersion() {
        return "Spark " + sc.version();
    }

    /** The task body: trains one trial; turns the error of the last allowed attempt into a failed row. */
    static final class TrainTrial implements Function<Trial, TrialOutcome> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<SweepData> data;
        private final int maxFailures;
        private final FaultPlan faults;
        private final LongAccumulator epochs;

        TrainTrial(Broadcast<SweepData> data, int maxFailures, FaultPlan faults, LongAccumulator epochs) {
            this.data = data;
            this.maxFailures = maxFailures;
            this.faults = faults;
            this.epochs = epochs;
        }

        @Override
        public TrialOutcome call(Trial trial) {
            TaskContext task = TaskContext.get();
            int attempt = task == null ? 0 : task.attemptNumber();
            String executor = SparkEnv.get() == null ? "?" : SparkEnv.get().executorId();
            long t0 = System.nanoTime();
            try {
                faults.apply(trial.id(), attempt);
                return TrialRunner.run(trial, data.value(), executor, attempt, m -> epochs.add(1));
            } catch (RuntimeException | Error e) {
                if (attempt + 1 < maxFailures) {
                    throw e; // Spark retries the task
                }
                return TrialRunner.failed(trial, e, executor, attempt, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** Each partition holds exactly one trial. */
    static final class SingleOutcome extends AbstractFunction1<scala.collection.Iterator<TrialOutcome>, TrialOutcome>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public TrialOutcome apply(scala.collection.Iterator<TrialOutcome> it) {
            return it.next();
        }
    }

    /** Runs on the driver as each task's result arrives. */
    static final class Deliver extends AbstractFunction2<Object, TrialOutcome, BoxedUnit> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient TrialEvents events;

        Deliver(TrialEvents events) {
            this.events = events;
        }

        @Override
        public BoxedUnit apply(Object partition, TrialOutcome outcome) {
            events.finished(outcome);
            return BoxedUnit.UNIT;
        }
    }
}
