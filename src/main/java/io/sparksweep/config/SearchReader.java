package io.sparksweep.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code search} section of a config into a {@link RandomSearch}: every distribution
 * into a typed {@link Distribution} whose bounds and choices are valid values of its field, each
 * problem reported by position ({@code search.space.learningRate.uniform[0]},
 * {@code search.space.activation.choice[1]}).
 */
final class SearchReader {
    private static final List<String> FIELDS = List.of("type", "trials", "seed", "space");

    private SearchReader() {
    }

    /**
     * The search, or null after reporting what is wrong with it. It is returned, to be drawn
     * from, whenever its trials and every distribution are valid, so that a space too small for
     * its trials is reported beside the other problems.
     *
     * @param gridFields the fields the grid gives as lists, which the search may not draw too
     */
    static RandomSearch read(JsonNode search, Set<String> gridFields, Problems problems) {
        if (!search.isObject()) {
            problems.add("search", search.toString(),
                    "an object {\"type\": \"random\", \"trials\": N, \"seed\": S, \"space\": {...}}");
            return null;
        }
        Values.unknownFields(search, FIELDS, "search.", problems);
        Values.named(search.get("type"), "search.type", List.of("random"), t -> t, "\"random\"", problems);
        JsonNode n = search.get("trials");
        int trials = 0;
        if (n != null && n.isIntegralNumber() && n.asLong() >= 1 && n.asLong() <= 100_000) {
            trials = n.asInt();
        } else {
            problems.add("search.trials", n == null ? "missing" : n.toString(), "an integer from 1 to 100000");
        }
        JsonNode s = search.get("seed");
        long seed = 0;
        if (s != null && !(s.isIntegralNumber() && s.canConvertToLong())) {
            problems.add("search.seed", s.toString(), "an integer");
        } else if (s != null) {
            seed = s.asLong();
        }
        JsonNode space = search.get("space");
        if (space == null || !space.isObject() || space.isEmpty()) {
            problems.add("search.space", space == null ? "missing" : space.toString(),
                    "an object mapping training fields to distributions");
            return null;
        }
        Values.unknownFields(space, TrainingField.NAMES, "search.space.", problems);
        List<RandomSearch.Dimension<?>> dimensions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = space.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (gridFields.contains(e.getKey())) {
                problems.add("search.space." + e.getKey(), e.getValue().toString(), "a field that is not also in \"grid\"");
            }
            TrainingField<?> field = TrainingField.named(e.getKey());
            RandomSearch.Dimension<?> d = field == null ? null : readDimension(field, e.getValue(), problems);
            if (d != null) {
                dimensions.add(d);
            }
        }
        if (trials == 0 || dimensions.size() != space.size()) {
            return null;
        }
        return new RandomSearch(trials, seed, dimensions);
    }

    /**
     * Reads a distribution of {@code field}: its form, that it can draw values of the field's
     * type, and every bound and every choice as a value of the field (named by its position, e.g.
     * {@code search.space.activation.choice[1]}), so that every sample it draws is valid.
     */
    private static <T> RandomSearch.Dimension<T> readDimension(TrainingField<T> field, JsonNode d, Problems problems) {
        String path = "search.space." + field.id();
        if (d == null || !d.isObject() || d.size() != 1) {
            problems.add(path, String.valueOf(d), "one of {\"loguniform\": [a, b]}, {\"uniform\": [a, b]}, "
                    + "{\"intRange\": [a, b]}, {\"choice\": [values]}");
            return null;
        }
        String name = d.fieldNames().next();
        JsonNode args = d.get(name);
        Distribution.Kind kind = Distribution.Kind.withId(name);
        List<String> kinds = Arrays.stream(Distribution.Kind.values()).map(Distribution.Kind::id).toList();
        if (kind == null) {
            problems.add(path, "{\"" + name + "\": ...}", "one of " + String.join(", ", kinds) + ConfigLoader.suggest(name, kinds));
            return null;
        }
        boolean integer = field.kind() == TrainingField.Kind.INTEGER;
        boolean number = field.kind() == TrainingField.Kind.NUMBER;
        Distribution<T> distribution = switch (kind) {
            case LOGUNIFORM, UNIFORM -> {
                boolean log = kind == Distribution.Kind.LOGUNIFORM;
                if (!number) {
                    problems.add(path, "{\"" + name + "\": ...}", integer
                            ? "{\"intRange\": [a, b]} or {\"choice\": [values]}, as " + field.id() + " takes integers"
                            : "{\"choice\": [values]}, as " + field.id() + " is not a number");
                    yield null;
                }
                boolean ok = args.isArray() && args.size() == 2 && args.get(0).isNumber() && args.get(1).isNumber()
                        && args.get(0).asDouble() < args.get(1).asDouble() && (!log || args.get(0).asDouble() > 0);
                if (!ok) {
                    problems.add(path + "." + name, args.toString(), "[a, b] with " + (log ? "0 < a < b" : "a < b"));
                    yield null;
                }
                if (!boundsAreValues(field, args, path + "." + name, problems)) {
                    yield null;
                }
                double low = args.get(0).asDouble();
                double high = args.get(1).asDouble();
                yield log ? new Distribution.LogUniform<>(field, low, high) : new Distribution.Uniform<>(field, low, high);
            }
            case INT_RANGE -> {
                if (!number && !integer) {
                    problems.add(path, "{\"intRange\": ...}", "{\"choice\": [values]}, as " + field.id() + " is not a number");
                    yield null;
                }
                boolean ok = args.isArray() && args.size() == 2 && args.get(0).isIntegralNumber()
                        && args.get(1).isIntegralNumber() && args.get(0).asLong() <= args.get(1).asLong();
                if (!ok) {
                    problems.add(path + ".intRange", args.toString(), "[a, b], integers with a <= b");
                    yield null;
                }
                yield boundsAreValues(field, args, path + ".intRange", problems)
                        ? new Distribution.IntRange<>(field, args.get(0).asLong(), args.get(1).asLong()) : null;
            }
            case CHOICE -> {
                if (!args.isArray() || args.isEmpty()) {
                    problems.add(path + ".choice", args.toString(), "a non-empty list of values");
                    yield null;
                }
                List<FieldValue<T>> values = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    FieldValue<T> v = field.read(args.get(i), path + ".choice[" + i + "]", problems);
                    if (v != null) {
                        values.add(v);
                    }
                }
                yield values.size() == args.size() ? new Distribution.Choice<>(values) : null;
            }
        };
        return distribution == null ? null : new RandomSearch.Dimension<>(field, distribution);
    }

    /** Both bounds {@code [a, b]} must be valid values of {@code field}: every draw lies between them. */
    private static boolean boundsAreValues(TrainingField<?> field, JsonNode args, String path, Problems problems) {
        boolean low = field.read(args.get(0), path + "[0]", problems) != null;
        boolean high = field.read(args.get(1), path + "[1]", problems) != null;
        return low && high;
    }
}
