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
 * Expands fixed training settings and a grid into the ordered list of trials: the cartesian
 * product of the grid's lists, the first grid field varying slowest, each trial with a stable
 * id and seed.
 */
final class GridExpander {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GridExpander() {
    }

    static List<Trial> expand(ObjectNode training, ObjectNode grid, long sweepSeed, ConfigLoader loader) {
        List<String> fields = new ArrayList<>();
        grid.fieldNames().forEachRemaining(fields::add);
        int[] sizes = fields.stream().mapToInt(f -> grid.get(f).size()).toArray();
        long count = 1;
        for (int s : sizes) {
            count *= s;
        }
        if (count > 1_000_000) {
            loader.problem("grid", count + " trials", "at most 1,000,000 trials");
            return List.of();
        }
        List<Trial> trials = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int[] pick = new int[fields.size()];
        for (int n = 0; n < count; n++) {
            ObjectNode t = training.deepCopy();
            Map<String, Object> varied = new LinkedHashMap<>();
            Map<String, String> origin = new HashMap<>();
            for (int g = 0; g < fields.size(); g++) {
                JsonNode v = grid.get(fields.get(g)).get(pick[g]);
                t.set(fields.get(g), v);
                varied.put(fields.get(g), JSON.convertValue(v, Object.class));
                origin.put(fields.get(g), "grid." + fields.get(g) + "[" + pick[g] + "]");
            }
            TrialConfig config = loader.trialConfig(t, f -> origin.getOrDefault(f, "training." + f));
            if (config != null) {
                String id = trialId(config);
                Integer previous = seen.putIfAbsent(id, n);
                if (previous != null) {
                    loader.problem("grid", varied.toString(), "distinct trials, but it repeats trial "
                            + previous + " " + trials.get(previous).varied());
                }
                trials.add(new Trial(n, id, varied, config, trialSeed(sweepSeed, id)));
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

    /** First 8 hex digits of SHA-256 over the canonical JSON of every setting. */
    static String trialId(TrialConfig config) {
        try {
            String canonical = JSON.writeValueAsString(config.describe());
            return hex(sha256(canonical)).substring(0, 8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 63-bit seed from SHA-256 of the sweep seed and the trial id. */
    static long trialSeed(long sweepSeed, String id) {
        byte[] h = sha256(sweepSeed + "/" + id);
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
