package io.sparksweep.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.TrainingSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.sparksweep.config.TrainingField.ACTIVATION;
import static io.sparksweep.config.TrainingField.BATCH_SIZE;
import static io.sparksweep.config.TrainingField.EPOCHS;
import static io.sparksweep.config.TrainingField.HIDDEN;
import static io.sparksweep.config.TrainingField.INIT;
import static io.sparksweep.config.TrainingField.INIT_SIGMA;
import static io.sparksweep.config.TrainingField.LEARNING_RATE;
import static io.sparksweep.config.TrainingField.REDUCTION;
import static io.sparksweep.config.TrainingField.SCHEDULE;
import static io.sparksweep.config.TrainingField.SHUFFLE;

/**
 * Expands typed training values, a grid and random-search samples into the ordered list of
 * trials: the cartesian product of the grid's lists (the first grid field varying slowest), each
 * point combined with every sample, each trial with a stable id and seed. It sees only values
 * already read and validated; what it checks is what depends on several fields (one activation
 * per hidden layer) and on the whole sweep (its size, distinct trials).
 */
final class GridExpander {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Mixed into the trial seed for the shuffling order, so it differs from the init draws. */
    static final long SHUFFLE_SALT = 0x5DEECE66DL;

    private GridExpander() {
    }

    static List<Trial> expand(TrainingValues training, List<GridAxis<?>> grid, List<List<FieldValue<?>>> samples,
                              long sweepSeed, Problems problems) {
        int[] sizes = grid.stream().mapToInt(a -> a.values().size()).toArray();
        long points = 1;
        for (int s : sizes) {
            points *= s;
        }
        long count = points * samples.size();
        if (count > 1_000_000) {
            problems.add("grid", count + " trials", "at most 1,000,000 trials");
            return List.of();
        }
        List<Trial> trials = new ArrayList<>();
        Map<String, Trial> seen = new HashMap<>();
        int[] pick = new int[grid.size()];
        int n = 0;
        for (long point = 0; point < points; point++) {
            for (List<FieldValue<?>> sample : samples) {
                addTrial(training, grid, pick, sample, n++, sweepSeed, problems, trials, seen);
            }
            for (int g = grid.size() - 1; g >= 0; g--) {
                if (++pick[g] < sizes[g]) {
                    break;
                }
                pick[g] = 0;
            }
        }
        return trials;
    }

    private static void addTrial(TrainingValues training, List<GridAxis<?>> grid, int[] pick,
                                 List<FieldValue<?>> sample, int n, long sweepSeed, Problems problems,
                                 List<Trial> trials, Map<String, Trial> seen) {
        List<FieldValue<?>> chosen = new ArrayList<>();
        Map<String, Object> varied = new LinkedHashMap<>();
        Map<TrainingField<?>, String> origin = new HashMap<>();
        for (int g = 0; g < grid.size(); g++) {
            FieldValue<?> v = grid.get(g).values().get(pick[g]);
            chosen.add(v);
            varied.put(v.field().id(), v.written());
            origin.put(v.field(), "grid." + v.field().id() + "[" + pick[g] + "]");
        }
        for (FieldValue<?> v : sample) {
            chosen.add(v);
            varied.put(v.field().id(), v.written());
            origin.put(v.field(), "search.space." + v.field().id() + " (sample " + n + ")");
        }
        TrialConfig config = trialConfig(training.overriding(chosen),
                f -> origin.getOrDefault(f, "training." + f.id()), problems);
        if (config != null) {
            String id = trialId(config);
            long seed = trialSeed(sweepSeed, id);
            Trial trial = new Trial(n, id, varied, config.withShuffleSeed(seed ^ SHUFFLE_SALT), seed);
            Trial previous = seen.putIfAbsent(id, trial);
            if (previous != null) {
                problems.add("grid", varied.toString(), "distinct trials, but it repeats trial "
                        + previous.index() + " " + previous.varied());
            }
            trials.add(trial);
        }
    }

    /**
     * The settings of one trial from one value of every field, or null after reporting what does
     * not fit together, with {@code origin(field)} naming where each value came from. The
     * shuffle seed is 0 until the trial's id, and so its seed, is known.
     */
    private static TrialConfig trialConfig(TrainingValues v, Function<TrainingField<?>, String> origin,
                                           Problems problems) {
        int[] hidden = v.get(HIDDEN).clone();
        Activation[] activation = v.get(ACTIVATION).forLayers(hidden.length);
        if (activation == null) {
            problems.add(origin.apply(ACTIVATION), v.value(ACTIVATION).json(), "one activation per hidden layer, but "
                    + origin.apply(HIDDEN) + " = " + Arrays.toString(hidden) + " has " + hidden.length);
            return null;
        }
        TrainingSettings training = new TrainingSettings(v.get(EPOCHS), v.get(BATCH_SIZE), v.get(LEARNING_RATE),
                v.get(REDUCTION), v.get(SCHEDULE), v.get(SHUFFLE), 0L);
        return new TrialConfig(hidden, activation, v.get(INIT).withSigma(v.get(INIT_SIGMA)), training);
    }

    /**
     * Hex digits of a trial id: 64 bits, so that two distinct trials of a sweep of 1,000,000
     * share an id with a probability of about 3e-8 (birthday bound n^2 / 2^65). Versions up to
     * 0.1.0 used 8 (32 bits: a collision in 1% of 10,000-trial sweeps).
     */
    static final int ID_HEX_DIGITS = 16;

    /**
     * Hex digits of the id that a trial's seed is derived from: the first 8, the whole id of
     * versions up to 0.1.0, so that every trial keeps the seed, and every published result its
     * bits, that it had with 32-bit ids.
     */
    static final int SEED_ID_HEX_DIGITS = 8;

    /** First {@value #ID_HEX_DIGITS} hex digits of SHA-256 over the canonical JSON of every setting. */
    static String trialId(TrialConfig config) {
        try {
            String canonical = JSON.writeValueAsString(config.describe());
            return hex(sha256(canonical)).substring(0, ID_HEX_DIGITS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A 63-bit seed from SHA-256 of the sweep seed and the first {@value #SEED_ID_HEX_DIGITS} hex
     * digits of the trial id (see there why not the whole id). Two trials whose ids share that
     * prefix get the same seed, which is harmless: their settings differ, and so do their runs.
     */
    static long trialSeed(long sweepSeed, String id) {
        byte[] h = sha256(sweepSeed + "/" + id.substring(0, SEED_ID_HEX_DIGITS));
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (h[i] & 0xFF);
        }
        return seed & Long.MAX_VALUE;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
