package io.sparksweep.config;

import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.LearningRateSchedule;
import io.sparksweep.nn.Reduction;
import io.sparksweep.nn.TrainingSettings;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of one trial, after the grid and the search are applied: the network's shape,
 * how it starts, and the {@link TrainingSettings} that {@code nn.Trainer} consumes as they are.
 * Field names are those of {@code conf/*.json} (see {@link TrainingField}).
 *
 * @param hidden     hidden layer widths, input side first (the seed: {@code [100]})
 * @param activation one activation per hidden layer
 * @param init       initialiser or warm-start model, with the trial's {@code initSigma}
 * @param training   epochs, batch size, learning rate, reduction, schedule, shuffle, and the seed
 *                   of the shuffling order (derived from the trial's seed when the sweep is expanded)
 */
public record TrialConfig(int[] hidden, Activation[] activation, InitSpec init, TrainingSettings training)
        implements Serializable {

    /** Passes over the training part: {@code training().epochs()}. */
    public int epochs() {
        return training.epochs();
    }

    /** Rows per mini-batch: {@code training().batchSize()}. */
    public int batchSize() {
        return training.batchSize();
    }

    /** Base learning rate: {@code training().learningRate()}. */
    public double learningRate() {
        return training.learningRate();
    }

    /** Summed or averaged gradients: {@code training().reduction()}. */
    public Reduction reduction() {
        return training.reduction();
    }

    /** Learning-rate schedule: {@code training().schedule()}. */
    public LearningRateSchedule schedule() {
        return training.schedule();
    }

    /** Whether each epoch shuffles the rows: {@code training().shuffle()}. */
    public boolean shuffle() {
        return training.shuffle();
    }

    /** The same settings with the shuffling order drawn from {@code seed}. */
    TrialConfig withShuffleSeed(long seed) {
        return new TrialConfig(hidden, activation, init, training.withSeed(seed));
    }

    /**
     * The settings as ordered (field name, value) pairs in config vocabulary. This is what the
     * trial id hashes, what results files store and what {@code compare} matches on; the
     * shuffle seed is not in it (it derives from the id).
     */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden", Arrays.stream(hidden).boxed().toList());
        m.put("activation", Arrays.stream(activation).map(Activation::id).toList());
        m.put("epochs", epochs());
        m.put("batchSize", batchSize());
        m.put("learningRate", learningRate());
        m.put("reduction", reduction().id());
        LearningRateSchedule schedule = schedule();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", TrainingField.scheduleTypeId(schedule.type()));
        if (schedule.type() == LearningRateSchedule.Type.STEP) {
            s.put("factor", schedule.factor());
            s.put("every", schedule.everyEpochs());
        }
        m.put("schedule", s);
        m.put("init", init.id());
        if (drawsNormal(init)) {
            m.put("initSigma", init.sigma());
        }
        m.put("shuffle", shuffle());
        return m;
    }

    private static boolean drawsNormal(InitSpec init) {
        return !init.isWarmStart() && init.initializer() == Initializer.NORMAL;
    }

    /**
     * Equal when {@link #describe()} is equal, that is when the trial ids are: the shuffle seed
     * and an {@code initSigma} that the initialiser ignores do not count.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TrialConfig t)) {
            return false;
        }
        LearningRateSchedule s = schedule();
        LearningRateSchedule ts = t.schedule();
        return Arrays.equals(hidden, t.hidden) && Arrays.equals(activation, t.activation)
                && epochs() == t.epochs() && batchSize() == t.batchSize()
                && Double.compare(learningRate(), t.learningRate()) == 0 && reduction() == t.reduction()
                && s.type() == ts.type() && (s.type() != LearningRateSchedule.Type.STEP
                        || Double.compare(s.factor(), ts.factor()) == 0 && s.everyEpochs() == ts.everyEpochs())
                && init.id().equals(t.init.id()) && drawsNormal(init) == drawsNormal(t.init)
                && (!drawsNormal(init) || Double.compare(init.sigma(), t.init.sigma()) == 0)
                && shuffle() == t.shuffle();
    }

    /** Consistent with {@link #equals}, and the same in every JVM (enums hash by position). */
    @Override
    public int hashCode() {
        LearningRateSchedule s = schedule();
        int h = Arrays.hashCode(hidden);
        for (Activation a : activation) {
            h = 31 * h + a.ordinal();
        }
        h = 31 * h + epochs();
        h = 31 * h + batchSize();
        h = 31 * h + Double.hashCode(learningRate());
        h = 31 * h + reduction().ordinal();
        h = 31 * h + s.type().ordinal();
        if (s.type() == LearningRateSchedule.Type.STEP) {
            h = 31 * h + Double.hashCode(s.factor());
            h = 31 * h + s.everyEpochs();
        }
        h = 31 * h + init.id().hashCode();
        if (drawsNormal(init)) {
            h = 31 * h + Double.hashCode(init.sigma());
        }
        return 31 * h + Boolean.hashCode(shuffle());
    }

    @Override
    public String toString() {
        return describe().toString();
    }
}
