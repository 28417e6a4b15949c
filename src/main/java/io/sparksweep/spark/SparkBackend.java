package io.sparksweep.spark;

import io.sparksweep.config.Trial;
import io.sparksweep.sweep.SweepData;
import io.sparksweep.sweep.TrialBackend;
import io.sparksweep.sweep.TrialOutcome;
import io.sparksweep.sweep.TrialRunner;
import org.apache.spark.SparkEnv;
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
import java.util.function.Consumer;

/**
 * Runs trials as Spark tasks, one trial per task. The data is broadcast once; each task
 * trains its trial and returns its outcome, which the driver receives as soon as that task
 * finishes (not when the whole job does), so results are recorded as they come and only the
 * best weights need be kept.
 */
public final class SparkBackend implements TrialBackend {
    private final JavaSparkContext sc;

    public SparkBackend(JavaSparkContext sc) {
        this.sc = sc;
    }

    @Override
    public void run(List<Trial> trials, SweepData data, Consumer<TrialOutcome> onDone) {
        if (trials.isEmpty()) {
            return;
        }
        Broadcast<SweepData> broadcast = sc.broadcast(data);
        try {
            int maxFailures = maxTaskFailures();
            JavaRDD<TrialOutcome> outcomes = sc.parallelize(trials, trials.size())
                    .map(new TrainTrial(broadcast, maxFailures));
            ClassTag<TrialOutcome> tag = ClassTag$.MODULE$.apply(TrialOutcome.class);
            sc.sc().runJob(outcomes.rdd(), new SingleOutcome(), new Deliver(onDone), tag);
        } finally {
            broadcast.destroy();
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

        TrainTrial(Broadcast<SweepData> data, int maxFailures) {
            this.data = data;
            this.maxFailures = maxFailures;
        }

        @Override
        public TrialOutcome call(Trial trial) {
            TaskContext task = TaskContext.get();
            int attempt = task == null ? 0 : task.attemptNumber();
            String executor = SparkEnv.get() == null ? "?" : SparkEnv.get().executorId();
            long t0 = System.nanoTime();
            try {
                return TrialRunner.run(trial, data.value(), executor, attempt);
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
        private final transient Consumer<TrialOutcome> onDone;

        Deliver(Consumer<TrialOutcome> onDone) {
            this.onDone = onDone;
        }

        @Override
        public BoxedUnit apply(Object partition, TrialOutcome outcome) {
            onDone.accept(outcome);
            return BoxedUnit.UNIT;
        }
    }
}
