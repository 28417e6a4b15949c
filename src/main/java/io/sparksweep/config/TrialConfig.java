package io.sparksweep.config;

import io.sparksweep.nn.Activation;
import io.sparksweep.nn.LearningRateSchedule;
import io.sparksweep.nn.Reduction;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every training setting of one trial, after the grid is applied. Field names are the names
 * used in {@code conf/*.json} under {@code "training"} and {@code "grid"}.
 *
 * @param hidden       hidden layer widths, input side first (the seed: {@code [100]})
 * @param activation   one activation per hidden layer
 * @param epochs       passes over the training part, at least 1
 * @param batchSize    samples per mini-batch, at most the training rows
 * @param learningRate base learning rate, finite and &gt; 0
 * @param reduction    whether a batch's gradients are summed (the seed) or averaged
 * @param schedule     learning-rate schedule over epochs
 * @param init         initialiser or warm-start model
 * @param shuffle      whether each epoch visits the training rows in a seeded random order
 */
public record TrialConfig(int[] hidden, Activation[] activation, int epochs, int batchSize,
                          double learningRate, Reduction reduction, LearningRateSchedule schedule,
                          InitSpec init, boolean shuffle) implements Serializable {

    /**
     * The settings as ordered (field name, value) pairs in config vocabulary. This is what the
     * trial id hashes, what results files store and what {@code compare} matches on.
     */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden", Arrays.stream(hidden).boxed().toList());
        m.put("activation", Arrays.stream(activation).map(Activation::id).toList());
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("learningRate", learningRate);
        m.put("reduction", reduction.id());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", schedule.type().name().toLowerCase(java.util.Locale.ROOT));
        if (schedule.type() == LearningRateSchedule.Type.STEP) {
            s.put("factor", schedule.factor());
            s.put("every", schedule.everyEpochs());
        }
        m.put("schedule", s);
        m.put("init", init.id());
        if (!init.isWarmStart() && init.initializer() == io.sparksweep.nn.Initializer.NORMAL) {
            m.put("initSigma", init.sigma());
        }
        m.put("shuffle", shuffle);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialConfig t && describe().equals(t.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return describe().toString();
    }
}
