package io.sparksweep.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random search, read and validated: {@code "search": {"type": "random", "trials": N, "seed": S,
 * "space": {FIELD: DISTRIBUTION}}}. Each of the N samples draws every field of the space, in the
 * order written, from {@code java.util.Random(S)}; samples that repeat an earlier one are drawn
 * again, so the N samples are distinct. Every sample is combined with every grid point.
 *
 * <p>Distributions ({@link Distribution}): {@code {"loguniform": [a, b]}} (0 &lt; a &lt; b;
 * log-uniform), {@code {"uniform": [a, b]}}, {@code {"intRange": [a, b]}} (integers, both ends
 * included) and {@code {"choice": [v1, v2, ...]}}. Continuous draws are rounded to 4 significant
 * digits so that they read well in tables and repeat exactly.
 *
 * @param trials the number of samples N, from 1 to 100,000
 * @param seed   seed of the one random stream all samples are drawn from
 * @param space  the fields drawn, in config order, each with its distribution
 */
record RandomSearch(int trials, long seed, List<Dimension<?>> space) {
    private static final int MAX_DRAWS_PER_SAMPLE = 1000;

    /** One field of the space and what it is drawn from. */
    record Dimension<T>(TrainingField<T> field, Distribution<T> distribution) {
    }

    RandomSearch {
        space = List.copyOf(space);
    }

    /**
     * The {@link #trials} distinct samples, each one value per field of the space in space order;
     * none after reporting {@code search.trials} when the space holds fewer distinct samples.
     */
    List<List<FieldValue<?>>> samples(Problems problems) {
        Random random = new Random(seed);
        List<List<FieldValue<?>>> samples = new ArrayList<>();
        // Two samples are the same when their values are written the same.
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < trials; i++) {
            List<FieldValue<?>> sample = null;
            for (int draw = 0; draw < MAX_DRAWS_PER_SAMPLE; draw++) {
                List<FieldValue<?>> candidate = new ArrayList<>(space.size());
                for (Dimension<?> d : space) {
                    candidate.add(d.distribution().draw(random));
                }
                if (seen.add(candidate.stream().map(FieldValue::json).toList())) {
                    sample = candidate;
                    break;
                }
            }
            if (sample == null) {
                problems.add("search.trials", String.valueOf(trials),
                        "at most the " + samples.size() + " distinct samples the space holds");
                return List.of();
            }
            samples.add(List.copyOf(sample));
        }
        return samples;
    }

    /** Rounds to 4 significant digits. */
    static double round(double v) {
        return new BigDecimal(v).round(new MathContext(4)).doubleValue();
    }
}
