package io.sparksweep.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.BadInputException;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.LearningRateSchedule;
import io.sparksweep.nn.Reduction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a sweep config ({@code conf/*.json}), validates every field and expands the grid.
 *
 * <p>A config has a {@code name}, a {@code seed}, a {@code data} block, the fixed
 * {@code training} settings, and a {@code grid} in which any training field is given as a list
 * of values. The trials are the cartesian product of the grid lists, the first grid field
 * varying slowest. Every problem found is reported, one line each, as
 * {@code FILE: FIELD = VALUE, EXPECTATION}; a {@link BadInputException} carries them all.
 *
 * <p>Every value is validated on its own first, with the same rules and "did you mean" whichever
 * way it was given, and named by its position: {@code training.activation},
 * {@code grid.activation[1]}, {@code search.space.activation.choice[1]},
 * {@code search.space.learningRate.uniform[0]}. Only what depends on several fields (one
 * activation per hidden layer) is checked per trial, after that.
 */
public final class ConfigLoader {

    /** Training fields, in the order they are documented. */
    static final List<String> TRAINING_FIELDS = List.of("hidden", "activation", "epochs", "batchSize",
            "learningRate", "reduction", "schedule", "init", "initSigma", "shuffle");
    private static final List<String> TOP_FIELDS = List.of("name", "description", "seed", "data", "training",
            "grid", "search", "stopping");
    private static final List<String> DATA_FIELDS = List.of("train", "test", "features", "labels",
            "validationFraction", "maxRows", "fetch");
    private static final List<String> SCHEDULE_FIELDS = List.of("type", "factor", "every");

    /** Training defaults: the seed experiment's settings. */
    private static final String DEFAULTS = """
            {"hidden": [100], "activation": "relu", "epochs": 50, "batchSize": 100,
             "learningRate": 0.001, "reduction": "sum",
             "schedule": {"type": "step", "factor": 0.5, "every": 20},
             "init": "normal", "initSigma": 1.0, "shuffle": false}""";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Training fields whose values are integers (a search may draw them from {@code intRange} or {@code choice}). */
    static final List<String> INTEGER_FIELDS = List.of("epochs", "batchSize");
    /** Training fields whose values are real numbers (any distribution). */
    static final List<String> NUMBER_FIELDS = List.of("learningRate", "initSigma");
    /** The most parameters one network may have: they are held in one float array. */
    static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

    private final String file;
    private final List<String> problems = new ArrayList<>();
    /** Every problem reported, counting repeats that {@link #problems} holds once. */
    private int reported;

    private ConfigLoader(String file) {
        this.file = file;
    }

    /** Reads and validates {@code path}; throws {@link BadInputException} listing every problem. */
    public static SweepConfig load(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path + ": config file not found");
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read config file (" + e.getMessage() + ")", e);
        }
        return parse(path, text);
    }

    /** Validates a config given as text; {@code path} names it in messages. */
    public static SweepConfig parse(Path path, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new BadInputException(path + where + ": invalid JSON: " + jsonProblem(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(path + ": expected a JSON object at the top level");
        }
        return new ConfigLoader(path.toString()).read(path, (ObjectNode) root);
    }

    private SweepConfig read(Path path, ObjectNode root) {
        unknownFields(root, TOP_FIELDS, "");
        String name = text(root, "", "name", null);
        text(root, "", "description", null);
        if (name != null && !name.matches("[A-Za-z0-9._-]{1,64}")) {
            problem("name", quote(name), "1 to 64 letters, digits, '.', '_' or '-'");
        }
        long seed = 0;
        JsonNode seedNode = root.get("seed");
        if (seedNode != null) {
            if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
                seed = seedNode.asLong();
            } else {
                problem("seed", seedNode.toString(), "an integer");
            }
        }
        DataConfig data = readData(root.get("data"));

        ObjectNode training = (ObjectNode) parseDefaults();
        JsonNode given = root.get("training");
        if (given != null) {
            if (given.isObject()) {
                unknownFields(given, TRAINING_FIELDS, "training.");
                for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (TRAINING_FIELDS.contains(e.getKey())) {
                        checkValue(e.getKey(), e.getValue(), "training." + e.getKey());
                    }
                }
                training.setAll((ObjectNode) given);
            } else {
                problem("training", given.toString(), "an object of training settings");
            }
        }
        List<Trial> trials = List.of();
        ObjectNode grid = readGrid(root.get("grid"));
        List<Map<String, JsonNode>> samples = RandomSearch.samples(root.get("search"), grid, this);
        if (problems.isEmpty()) {
            trials = GridExpander.expand(training, grid, samples, seed, this);
        }
        Stopping stopping = readStoppingTemporary(root.get("stopping"), trials);
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("\n", problems));
        }
        if (name == null) {
            String fileName = path.getFileName().toString();
            name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        }
        return new SweepConfig(path, name, seed, data, trials, root, stopping);
    }

    // TEMPORARY (branch stop): a minimal parse of the "stopping" section so that early stopping can be
    // tested end to end before the typed config model (branch cfg) lands; drop it when merging cfg.
    private Stopping readStoppingTemporary(JsonNode node, List<Trial> trials) {
        if (node == null) {
            return Stopping.NONE;
        }
        if (!node.isObject()) {
            problem("stopping", node.toString(), "an object {\"type\": \"sha\" | \"hyperband\" | \"none\", ...}");
            return Stopping.NONE;
        }
        unknownFields(node, List.of("type", "minEpochs", "eta", "metric"), "stopping.");
        Stopping.Type type = Stopping.Type.NONE;
        String t = text(node, "stopping.", "type", "none");
        if (t != null) {
            try {
                type = Stopping.Type.valueOf(t.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem("stopping.type", quote(t), "one of none, sha, hyperband");
            }
        }
        int minEpochs = temporaryInt(node, "minEpochs", 1, 1);
        int eta = temporaryInt(node, "eta", 3, 2);
        Stopping.Metric metric = Stopping.Metric.VALIDATION_ACCURACY;
        String m = text(node, "stopping.", "metric", metric.id());
        if (m != null) {
            boolean known = false;
            for (Stopping.Metric candidate : Stopping.Metric.values()) {
                if (candidate.id().equals(m)) {
                    metric = candidate;
                    known = true;
                }
            }
            if (!known) {
                problem("stopping.metric", quote(m), "validationAccuracy or validationLoss");
            }
        }
        if (type != Stopping.Type.NONE && !trials.isEmpty()) {
            java.util.Set<Integer> epochs = new java.util.TreeSet<>();
            trials.forEach(trial -> epochs.add(trial.config().epochs()));
            if (epochs.size() > 1) {
                problem("training.epochs", epochs.toString(), "one value when stopping is on (the maximum budget)");
            } else if (minEpochs > epochs.iterator().next()) {
                problem("stopping.minEpochs", String.valueOf(minEpochs), "an integer in [1, " + epochs.iterator().next()
                        + "] (training.epochs)");
            }
        }
        return new Stopping(type, minEpochs, eta, metric);
    }

    private int temporaryInt(JsonNode node, String field, int fallback, int min) {
        JsonNode v = node.get(field);
        if (v == null) {
            return fallback;
        }
        if (v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= min) {
            return v.asInt();
        }
        problem("stopping." + field, v.toString(), "an integer >= " + min);
        return fallback;
    }

    private static JsonNode parseDefaults() {
        try {
            return JSON.readTree(DEFAULTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private DataConfig readData(JsonNode node) {
        if (node == null || !node.isObject()) {
            problem("data", node == null ? "missing" : node.toString(),
                    "an object with \"train\" and \"test\" HDF5 files");
            return null;
        }
        unknownFields(node, DATA_FIELDS, "data.");
        String train = text(node, "data.", "train", null);
        String test = text(node, "data.", "test", null);
        if (!node.has("train")) {
            problem("data.train", "missing", "the training HDF5 file");
        }
        if (!node.has("test")) {
            problem("data.test", "missing", "the test HDF5 file");
        }
        String features = text(node, "data.", "features", "xdata");
        String labels = text(node, "data.", "labels", "ydata");
        double fraction = DataConfig.DEFAULT_VALIDATION_FRACTION;
        JsonNode f = node.get("validationFraction");
        if (f != null) {
            if (f.isNumber() && f.asDouble() > 0 && f.asDouble() < 1) {
                fraction = f.asDouble();
            } else {
                problem("data.validationFraction", f.toString(), "a number in (0, 1)");
            }
        }
        int maxRows = 0;
        JsonNode m = node.get("maxRows");
        if (m != null) {
            if (m.isIntegralNumber() && m.canConvertToInt() && m.asInt() >= 0) {
                maxRows = m.asInt();
            } else {
                problem("data.maxRows", m.toString(), "an integer >= 0 (0 = all rows)");
            }
        }
        String fetch = text(node, "data.", "fetch", "none");
        if (fetch != null && !fetch.equals("none") && !fetch.equals("mnist")) {
            problem("data.fetch", quote(fetch), "\"mnist\" or \"none\"" + suggest(fetch, List.of("mnist", "none")));
        }
        return new DataConfig(train, test, features, labels, fraction, maxRows, fetch);
    }

    private ObjectNode readGrid(JsonNode node) {
        ObjectNode grid = JSON.createObjectNode();
        if (node == null) {
            return grid;
        }
        if (!node.isObject()) {
            problem("grid", node.toString(), "an object mapping training fields to lists of values");
            return grid;
        }
        unknownFields(node, TRAINING_FIELDS, "grid.");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!TRAINING_FIELDS.contains(e.getKey())) {
                continue;
            }
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                problem("grid." + e.getKey(), e.getValue().toString(), "a non-empty list of values");
            } else {
                for (int i = 0; i < e.getValue().size(); i++) {
                    checkValue(e.getKey(), e.getValue().get(i), "grid." + e.getKey() + "[" + i + "]");
                }
                grid.set(e.getKey(), e.getValue());
            }
        }
        return grid;
    }

    /**
     * Validates one value of training field {@code field} on its own (a {@code training} field, one
     * entry of a grid list, one {@code choice} of a search, one bound of a distribution), reporting
     * problems under the name {@code where}. What depends on other fields (one activation per hidden
     * layer) is checked per trial by {@link #trialConfig}.
     *
     * @return whether the value is valid
     */
    boolean checkValue(String field, JsonNode value, String where) {
        int before = reported;
        switch (field) {
            case "hidden" -> readHidden(value, where);
            case "activation" -> readActivations(value, null, where, null);
            case "epochs", "batchSize" -> positiveInt(value, where);
            case "learningRate", "initSigma" -> positiveNumber(value, where);
            case "reduction" -> enumId(value, where, Arrays.stream(Reduction.values()).map(Reduction::id).toList(),
                    Reduction::fromId);
            case "schedule" -> readSchedule(value, where);
            case "init" -> readInit(value, 1.0, where);
            case "shuffle" -> {
                if (!value.isBoolean()) {
                    problem(where, value.toString(), "true or false");
                }
            }
            default -> throw new IllegalArgumentException("not a training field: " + field);
        }
        return reported == before;
    }

    /**
     * Builds the {@link TrialConfig} for one combination of training values, reporting problems
     * with {@code origin(field)} naming where each value came from.
     */
    TrialConfig trialConfig(ObjectNode t, java.util.function.Function<String, String> origin) {
        int before = reported;
        int[] hidden = readHidden(t.get("hidden"), origin.apply("hidden"));
        Activation[] activation = readActivations(t.get("activation"), hidden, origin.apply("activation"),
                origin.apply("hidden"));
        int epochs = positiveInt(t.get("epochs"), origin.apply("epochs"));
        int batchSize = positiveInt(t.get("batchSize"), origin.apply("batchSize"));
        double lr = positiveNumber(t.get("learningRate"), origin.apply("learningRate"));
        Reduction reduction = enumId(t.get("reduction"), origin.apply("reduction"),
                Arrays.stream(Reduction.values()).map(Reduction::id).toList(), Reduction::fromId);
        LearningRateSchedule schedule = readSchedule(t.get("schedule"), origin.apply("schedule"));
        double sigma = positiveNumber(t.get("initSigma"), origin.apply("initSigma"));
        InitSpec init = readInit(t.get("init"), sigma, origin.apply("init"));
        JsonNode sh = t.get("shuffle");
        if (!sh.isBoolean()) {
            problem(origin.apply("shuffle"), sh.toString(), "true or false");
        }
        if (reported > before) {
            return null;
        }
        return new TrialConfig(hidden, activation, epochs, batchSize, lr, reduction, schedule, init, sh.asBoolean());
    }

    private int[] readHidden(JsonNode n, String field) {
        if (!n.isArray()) {
            problem(field, n.toString(), "a list of hidden layer widths, e.g. [100] or [256, 128]");
            return new int[0];
        }
        int[] widths = new int[n.size()];
        for (int i = 0; i < n.size(); i++) {
            JsonNode w = n.get(i);
            if (w.isIntegralNumber() && w.canConvertToInt() && w.asInt() >= 1 && w.asInt() <= 65536) {
                widths[i] = w.asInt();
            } else {
                problem(field + "[" + i + "]", w.toString(), "an integer width from 1 to 65536");
            }
        }
        long parameters = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            parameters += (long) widths[i] * widths[i + 1] + widths[i + 1];
        }
        if (parameters > MAX_PARAMETERS) {
            problem(field, n.toString(), "widths whose weights fit one float array, but the weights between the "
                    + "hidden layers alone number " + parameters + ", more than " + MAX_PARAMETERS);
        }
        return widths;
    }

    /**
     * Reads one activation for every layer or a list of one per layer. With {@code hidden} null
     * (a value checked on its own) any list length is accepted; otherwise the list must have one
     * entry per hidden layer of {@code hidden}, which came from {@code hiddenField}.
     */
    private Activation[] readActivations(JsonNode n, int[] hidden, String field, String hiddenField) {
        List<String> ids = Arrays.stream(Activation.values()).map(Activation::id).toList();
        if (n.isTextual()) {
            Activation a = enumId(n, field, ids, Activation::fromId);
            Activation[] out = new Activation[hidden == null ? 1 : hidden.length];
            Arrays.fill(out, a);
            return out;
        }
        if (n.isArray() && (hidden == null || n.size() == hidden.length)) {
            Activation[] out = new Activation[n.size()];
            for (int i = 0; i < n.size(); i++) {
                out[i] = enumId(n.get(i), field + "[" + i + "]", ids, Activation::fromId);
            }
            return out;
        }
        if (n.isArray()) {
            problem(field, n.toString(), "one activation per hidden layer, but " + hiddenField + " = "
                    + Arrays.toString(hidden) + " has " + hidden.length);
        } else {
            problem(field, n.toString(), "one of " + String.join(", ", ids)
                    + ", or a list of them with one per hidden layer");
        }
        return new Activation[hidden == null ? 0 : hidden.length];
    }

    private LearningRateSchedule readSchedule(JsonNode n, String field) {
        if (!n.isObject()) {
            problem(field, n.toString(), "{\"type\": \"constant\"} or {\"type\": \"step\", \"factor\": 0.5, \"every\": 20}");
            return null;
        }
        unknownFields(n, SCHEDULE_FIELDS, field + ".");
        String type = n.path("type").asText("");
        switch (type) {
            case "constant":
                return LearningRateSchedule.constant();
            case "step": {
                JsonNode factor = n.get("factor");
                JsonNode every = n.get("every");
                double fv = factor == null ? Double.NaN : factor.asDouble(Double.NaN);
                if (factor == null || !factor.isNumber() || !(fv > 0) || Double.isInfinite(fv)) {
                    problem(field + ".factor", String.valueOf(factor), "a finite number > 0");
                    return null;
                }
                int ev = every == null ? 0 : positiveInt(every, field + ".every");
                if (every == null) {
                    problem(field + ".every", "missing", "an integer >= 1 (epochs between steps)");
                }
                return ev >= 1 ? LearningRateSchedule.step(fv, ev) : null;
            }
            default:
                problem(field + ".type", n.path("type").toString(),
                        "\"constant\" or \"step\"" + suggest(type, List.of("constant", "step")));
                return null;
        }
    }

    private InitSpec readInit(JsonNode n, double sigma, String field) {
        List<String> ids = Arrays.stream(Initializer.values()).map(Initializer::id).toList();
        if (!n.isTextual()) {
            problem(field, n.toString(), "one of " + ids + " or the path of a saved model (.h5)");
            return null;
        }
        String v = n.asText();
        if (v.endsWith(".h5") || v.endsWith(".hdf5") || v.contains("/")) {
            return new InitSpec(null, sigma, v);
        }
        Initializer init = enumId(n, field, ids, Initializer::fromId);
        return init == null ? null : new InitSpec(init, sigma, null);
    }

    private <E> E enumId(JsonNode n, String field, List<String> ids, java.util.function.Function<String, E> parse) {
        if (n != null && n.isTextual() && ids.contains(n.asText())) {
            return parse.apply(n.asText());
        }
        String got = n == null ? "missing" : n.toString();
        problem(field, got, "one of " + String.join(", ", ids) + (n != null && n.isTextual() ? suggest(n.asText(), ids) : ""));
        return null;
    }

    private int positiveInt(JsonNode n, String field) {
        if (n != null && n.isIntegralNumber() && n.canConvertToInt() && n.asInt() >= 1) {
            return n.asInt();
        }
        problem(field, String.valueOf(n), "an integer >= 1");
        return 0;
    }

    private double positiveNumber(JsonNode n, String field) {
        if (n != null && n.isNumber()) {
            double v = n.asDouble();
            if (v > 0 && !Double.isInfinite(v)) {
                return v;
            }
        }
        // Jackson prints a number beyond float64 (1e999) as the string "Infinity".
        String shown = n != null && n.isNumber() ? String.valueOf(n.asDouble()) : String.valueOf(n);
        problem(field, n != null && n.isNumber() && Double.isFinite(n.asDouble()) ? n.toString() : shown, "a finite number > 0");
        return Double.NaN;
    }

    private String text(JsonNode parent, String prefix, String field, String fallback) {
        JsonNode n = parent.get(field);
        if (n == null) {
            return fallback;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problem(prefix + field, n.toString(), "a non-empty string");
            return fallback;
        }
        return n.asText();
    }

    void unknownFields(JsonNode node, List<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                reported++;
                String line = file + ": " + prefix + f + " is not a known field; expected one of "
                        + String.join(", ", known) + suggest(f, known);
                if (!problems.contains(line)) {
                    problems.add(line);
                }
            }
        }
    }

    /** Records one problem: {@code FILE: FIELD = VALUE, must be EXPECTATION}. */
    void problem(String field, String value, String expected) {
        String line = file + ": " + field + " = " + value + ", expected " + expected;
        reported++;
        if (!problems.contains(line)) {
            problems.add(line);
        }
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /**
     * {@code " (did you mean \"x\"?)"} for the known name closest to {@code given} (Levenshtein
     * distance, case ignored, at most 2 or a third of the length), or "" when none is close.
     */
    public static String suggest(String given, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(given.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        int allowed = Math.max(2, given.length() / 3);
        return best != null && bestDistance <= allowed ? " (did you mean \"" + best + "\"?)" : "";
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Jackson's description of a syntax error without the parts that point back into the parser
     * ("(start marker at [Source: ...; line: 1, column: 1])", "at [Source: ...]"): the file, line and
     * column are already in front of it. Only the first line of the description is kept.
     */
    static String jsonProblem(String original) {
        String first = original == null ? "" : original.lines().findFirst().orElse("");
        int source = first.indexOf(" (start marker at [Source:");
        if (source < 0) {
            source = first.indexOf(" at [Source:");
        }
        return (source < 0 ? first : first.substring(0, source)).strip();
    }
}
