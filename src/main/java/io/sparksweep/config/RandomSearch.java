package io.sparksweep.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random search: {@code "search": {"type": "random", "trials": N, "seed": S, "space": {FIELD:
 * DISTRIBUTION}}}. Each of the N samples draws every field of the space, in the order written,
 * from {@code java.util.Random(S)}; samples that repeat an earlier one are drawn again, so the N
 * samples are distinct. Every sample is combined with every grid point.
 *
 * <p>Distributions: {@code {"loguniform": [a, b]}} (0 &lt; a &lt; b; log-uniform),
 * {@code {"uniform": [a, b]}}, {@code {"intRange": [a, b]}} (integers, both ends included) and
 * {@code {"choice": [v1, v2, ...]}}. Continuous draws are rounded to 4 significant digits so that
 * they read well in tables and repeat exactly.
 */
final class RandomSearch {
    private static final List<String> FIELDS = List.of("type", "trials", "seed", "space");
    private static final List<String> DISTRIBUTIONS = List.of("loguniform", "uniform", "intRange", "choice");
    private static final int MAX_DRAWS_PER_SAMPLE = 1000;

    private RandomSearch() {
    }

    /**
     * The samples of {@code search} (each a map from field to value), or a single empty sample when
     * there is no search block.
     */
    static List<Map<String, JsonNode>> samples(JsonNode search, JsonNode grid, ConfigLoader loader) {
        if (search == null) {
            return List.of(Map.of());
        }
        if (!search.isObject()) {
            loader.problem("search", search.toString(), "an object {\"type\": \"random\", \"trials\": N, \"seed\": S, \"space\": {...}}");
            return List.of();
        }
        loader.unknownFields(search, FIELDS, "search.");
        if (!"random".equals(search.path("type").asText(null))) {
            loader.problem("search.type", search.has("type") ? search.get("type").toString() : "missing", "\"random\"");
        }
        JsonNode n = search.get("trials");
        int trials = 0;
        if (n != null && n.isIntegralNumber() && n.asLong() >= 1 && n.asLong() <= 100_000) {
            trials = n.asInt();
        } else {
            loader.problem("search.trials", n == null ? "missing" : n.toString(), "an integer from 1 to 100000");
        }
        JsonNode s = search.get("seed");
        long seed = 0;
        if (s != null && !(s.isIntegralNumber() && s.canConvertToLong())) {
            loader.problem("search.seed", s.toString(), "an integer");
        } else if (s != null) {
            seed = s.asLong();
        }
        JsonNode space = search.get("space");
        if (space == null || !space.isObject() || space.isEmpty()) {
            loader.problem("search.space", space == null ? "missing" : space.toString(),
                    "an object mapping training fields to distributions");
            return List.of();
        }
        loader.unknownFields(space, ConfigLoader.TRAINING_FIELDS, "search.space.");
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = space.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (grid.has(f)) {
                loader.problem("search.space." + f, space.get(f).toString(), "a field that is not also in \"grid\"");
            }
            if (ConfigLoader.TRAINING_FIELDS.contains(f) && checkDistribution(f, space.get(f), loader)) {
                fields.add(f);
            }
        }
        if (trials == 0 || fields.size() != space.size()) {
            return List.of();
        }
        Random random = new Random(seed);
        List<Map<String, JsonNode>> samples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < trials; i++) {
            Map<String, JsonNode> sample = null;
            for (int draw = 0; draw < MAX_DRAWS_PER_SAMPLE; draw++) {
                Map<String, JsonNode> candidate = new LinkedHashMap<>();
                for (String f : fields) {
                    candidate.put(f, draw(space.get(f), random));
                }
                if (seen.add(candidate.toString())) {
                    sample = candidate;
                    break;
                }
            }
            if (sample == null) {
                loader.problem("search.trials", String.valueOf(trials),
                        "at most the " + samples.size() + " distinct samples the space holds");
                return List.of();
            }
            samples.add(sample);
        }
        return samples;
    }

    /**
     * Checks a distribution's form, that it can draw values of {@code field}'s type, and every
     * bound and every choice as a value of {@code field} (named by its position, e.g.
     * {@code search.space.activation.choice[1]}), so that every sample it draws is valid.
     */
    private static boolean checkDistribution(String field, JsonNode d, ConfigLoader loader) {
        String path = "search.space." + field;
        if (d == null || !d.isObject() || d.size() != 1) {
            loader.problem(path, String.valueOf(d), "one of {\"loguniform\": [a, b]}, {\"uniform\": [a, b]}, "
                    + "{\"intRange\": [a, b]}, {\"choice\": [values]}");
            return false;
        }
        String kind = d.fieldNames().next();
        JsonNode args = d.get(kind);
        boolean integer = ConfigLoader.INTEGER_FIELDS.contains(field);
        boolean number = ConfigLoader.NUMBER_FIELDS.contains(field);
        switch (kind) {
            case "loguniform", "uniform" -> {
                if (!number) {
                    loader.problem(path, "{\"" + kind + "\": ...}", integer
                            ? "{\"intRange\": [a, b]} or {\"choice\": [values]}, as " + field + " takes integers"
                            : "{\"choice\": [values]}, as " + field + " is not a number");
                    return false;
                }
                boolean ok = args.isArray() && args.size() == 2 && args.get(0).isNumber() && args.get(1).isNumber()
                        && args.get(0).asDouble() < args.get(1).asDouble()
                        && (!kind.equals("loguniform") || args.get(0).asDouble() > 0);
                if (!ok) {
                    loader.problem(path + "." + kind, args.toString(), "[a, b] with "
                            + (kind.equals("loguniform") ? "0 < a < b" : "a < b"));
                    return false;
                }
                return checkBounds(field, args, path + "." + kind, loader);
            }
            case "intRange" -> {
                if (!number && !integer) {
                    loader.problem(path, "{\"intRange\": ...}", "{\"choice\": [values]}, as " + field + " is not a number");
                    return false;
                }
                boolean ok = args.isArray() && args.size() == 2 && args.get(0).isIntegralNumber()
                        && args.get(1).isIntegralNumber() && args.get(0).asLong() <= args.get(1).asLong();
                if (!ok) {
                    loader.problem(path + ".intRange", args.toString(), "[a, b], integers with a <= b");
                    return false;
                }
                return checkBounds(field, args, path + ".intRange", loader);
            }
            case "choice" -> {
                if (!args.isArray() || args.isEmpty()) {
                    loader.problem(path + ".choice", args.toString(), "a non-empty list of values");
                    return false;
                }
                boolean ok = true;
                for (int i = 0; i < args.size(); i++) {
                    ok &= loader.checkValue(field, args.get(i), path + ".choice[" + i + "]");
                }
                return ok;
            }
            default -> {
                loader.problem(path, "{\"" + kind + "\": ...}", "one of " + String.join(", ", DISTRIBUTIONS)
                        + ConfigLoader.suggest(kind, DISTRIBUTIONS));
                return false;
            }
        }
    }

    /** Both bounds {@code [a, b]} must be valid values of {@code field}: every draw lies between them. */
    private static boolean checkBounds(String field, JsonNode args, String path, ConfigLoader loader) {
        boolean low = loader.checkValue(field, args.get(0), path + "[0]");
        boolean high = loader.checkValue(field, args.get(1), path + "[1]");
        return low && high;
    }

    private static JsonNode draw(JsonNode d, Random random) {
        String kind = d.fieldNames().next();
        JsonNode args = d.get(kind);
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (kind) {
            case "loguniform" -> {
                double lo = Math.log(args.get(0).asDouble());
                double hi = Math.log(args.get(1).asDouble());
                yield f.numberNode(round(Math.exp(lo + (hi - lo) * random.nextDouble())));
            }
            case "uniform" -> {
                double lo = args.get(0).asDouble();
                double hi = args.get(1).asDouble();
                yield f.numberNode(round(lo + (hi - lo) * random.nextDouble()));
            }
            case "intRange" -> {
                long lo = args.get(0).asLong();
                long hi = args.get(1).asLong();
                yield f.numberNode(lo + (long) Math.floor(random.nextDouble() * (hi - lo + 1)));
            }
            default -> args.get(random.nextInt(args.size())).deepCopy();
        };
    }

    /** Rounds to 4 significant digits. */
    static double round(double v) {
        return new BigDecimal(v).round(new MathContext(4)).doubleValue();
    }
}
