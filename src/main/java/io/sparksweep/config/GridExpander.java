package io.sparksweep.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands fixed training settings, a grid and random-search samples into the ordered list of
 * trials: the cartesian product of the grid's lists (the first grid field varying slowest), each
 * point combined with every sample, each trial with a stable id and seed.
 */
final class GridExpander {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GridExpander() {
    }

    static List<Trial> expand(ObjectNode training, ObjectNode grid, List<Map<String, JsonNode>> samples,
                              long sweepSeed, ConfigLoader loader) {
        List<String> fields = new ArrayList<>();
        grid.fieldNames().forEachRemaining(fields::add);
        int[] sizes = fields.stream().mapToInt(f -> grid.get(f).size()).toArray();
        long points = 1;
        for (int s : sizes) {
            points *= s;
        }
        long count = points * samples.size();
        if (count > 1_000_000) {
            loader.problem("grid", count + " trials", "at most 1,000,000 trials");
            return List.of();
        }
        List<Trial> trials = new ArrayList<>();
        Map<String, Trial> seen = new HashMap<>();
        int[] pick = new int[fields.size()];
        int n = 0;
        for (long point = 0; point < points; point++) {
            for (Map<String, JsonNode> sample : samples) {
                addTrial(training, grid, fields, pick, sample, n++, sweepSeed, loader, trials, seen);
            }
            for (int g = fields.size() - 1; g >= 0; g--) {
                if (++pick[g] < sizes[g]) {
                    break;
                }
                pick[g] = 0;
            }
        }
        return trials;
    }

    private static void addTrial(ObjectNode training, ObjectNode grid, List<String> fields, int[] pick,
                                 Map<String, JsonNode> sample, int n, long sweepSeed, ConfigLoader loader,
                                 List<Trial> trials, Map<String, Trial> seen) {
        ObjectNode t = training.deepCopy();
        Map<String, Object> varied = new LinkedHashMap<>();
        Map<String, String> origin = new HashMap<>();
        for (int g = 0; g < fields.size(); g++) {
            JsonNode v = grid.get(fields.get(g)).get(pick[g]);
            t.set(fields.get(g), v);
            varied.put(fields.get(g), JSON.convertValue(v, Object.class));
            origin.put(fields.get(g), "grid." + fields.get(g) + "[" + pick[g] + "]");
        }
        for (Map.Entry<String, JsonNode> e : sample.entrySet()) {
            t.set(e.getKey(), e.getValue());
            varied.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            origin.put(e.getKey(), "search.space." + e.getKey() + " (sample " + n + ")");
        }
        TrialConfig config = loader.trialConfig(t, f -> origin.getOrDefault(f, "training." + f));
        if (config != null) {
            String id = trialId(config);
            Trial trial = new Trial(n, id, varied, config, trialSeed(sweepSeed, id));
            Trial previous = seen.putIfAbsent(id, trial);
            if (previous != null) {
                loader.problem("grid", varied.toString(), "distinct trials, but it repeats trial "
                        + previous.index() + " " + previous.varied());
            }
            trials.add(trial);
        }
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
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
