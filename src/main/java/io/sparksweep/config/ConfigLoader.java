package io.sparksweep.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.BadInputException;
import io.sparksweep.JsonProblems;
import io.sparksweep.data.DataConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep config ({@code conf/*.json}) once into typed values, validates every field and
 * expands the grid and the search into trials.
 *
 * <p>A config has a {@code name}, a {@code seed}, a {@code data} block, the fixed
 * {@code training} settings ({@link TrainingField} lists them with their defaults), a
 * {@code grid} in which any training field is given as a list of values, a random
 * {@code search} ({@link RandomSearch}) and the early {@code stopping} of poor trials
 * ({@link Stopping}). The trials are the cartesian product of the grid lists, the first grid
 * field varying slowest, each combined with every search sample. Every problem found is
 * reported, one line each, as {@code FILE: FIELD = VALUE, EXPECTATION}; a
 * {@link BadInputException} carries them all.
 *
 * <p>Every value is read on its own first, by its {@link TrainingField}, with the same rules and
 * "did you mean" whichever way it was given, and named by its position: {@code training.activation},
 * {@code grid.activation[1]}, {@code search.space.activation.choice[1]},
 * {@code search.space.learningRate.uniform[0]}. Only what depends on several fields (one
 * activation per hidden layer) is checked per trial, after that, by {@link GridExpander}, which
 * sees typed values only; {@link SearchReader} reads the search. The package description follows
 * one field from the file to the trainer.
 */
public final class ConfigLoader {

    private static final List<String> TOP_FIELDS = List.of("name", "description", "seed", "data", "training",
            "grid", "search", "stopping");
    private static final List<String> DATA_FIELDS = List.of("train", "test", "features", "labels",
            "validationFraction", "maxRows", "fetch", "sparse");
    private static final List<String> STOPPING_FIELDS = List.of("type", "minEpochs", "eta", "metric");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Problems problems;
    /** The grid fields given as non-empty lists, valid or not: a search may not draw them too. */
    private final Set<String> gridFields = new HashSet<>();

    private ConfigLoader(String file) {
        this.problems = new Problems(file);
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
            throw new BadInputException(JsonProblems.message(path, "invalid JSON", e), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(path + ": expected a JSON object at the top level");
        }
        return new ConfigLoader(path.toString()).read(path, (ObjectNode) root);
    }

    private SweepConfig read(Path path, ObjectNode root) {
        Values.unknownFields(root, TOP_FIELDS, "", problems);
        String name = Values.text(root, "", "name", null, problems);
        Values.text(root, "", "description", null, problems);
        if (name != null && !name.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add("name", quote(name), "1 to 64 letters, digits, '.', '_' or '-'");
        }
        long seed = 0;
        JsonNode seedNode = root.get("seed");
        if (seedNode != null) {
            if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
                seed = seedNode.asLong();
            } else {
                problems.add("seed", seedNode.toString(), "an integer");
            }
        }
        DataConfig data = readData(root.get("data"));

        int beforeTrials = problems.count();
        TrainingValues training = readTraining(root.get("training"));
        List<GridAxis<?>> grid = readGrid(root.get("grid"));
        JsonNode searchNode = root.get("search");
        RandomSearch search = searchNode == null ? null : SearchReader.read(searchNode, gridFields, problems);
        boolean valuesValid = problems.count() == beforeTrials;
        List<List<FieldValue<?>>> samples = List.of(List.of()); // without a search: every grid point once
        if (searchNode != null) {
            samples = search == null ? List.of() : search.samples(problems);
        }
        Stopping stopping = readStopping(root.get("stopping"));
        if (valuesValid && stopping.enabled()) {
            checkStoppingBudget(stopping, training, grid, search);
        }
        List<Trial> trials = List.of();
        if (problems.isEmpty()) {
            trials = GridExpander.expand(training, grid, samples, seed, problems);
        }
        problems.throwIfAny();
        if (name == null) {
            String fileName = path.getFileName().toString();
            name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        }
        return new SweepConfig(path, name, seed, data, trials, root, stopping);
    }

    private DataConfig readData(JsonNode node) {
        if (node == null || !node.isObject()) {
            problems.add("data", node == null ? "missing" : node.toString(),
                    "an object with \"train\" and \"test\" HDF5 files");
            return null;
        }
        Values.unknownFields(node, DATA_FIELDS, "data.", problems);
        String train = Values.text(node, "data.", "train", null, problems);
        String test = Values.text(node, "data.", "test", null, problems);
        if (!node.has("train")) {
            problems.add("data.train", "missing", "the training HDF5 file");
        }
        if (!node.has("test")) {
            problems.add("data.test", "missing", "the test HDF5 file");
        }
        String features = Values.text(node, "data.", "features", "xdata", problems);
        String labels = Values.text(node, "data.", "labels", "ydata", problems);
        double fraction = DataConfig.DEFAULT_VALIDATION_FRACTION;
        JsonNode f = node.get("validationFraction");
        if (f != null) {
            if (f.isNumber() && f.asDouble() > 0 && f.asDouble() < 1) {
                fraction = f.asDouble();
            } else {
                problems.add("data.validationFraction", f.toString(), "a number in (0, 1)");
            }
        }
        int maxRows = 0;
        JsonNode m = node.get("maxRows");
        if (m != null) {
            if (m.isIntegralNumber() && m.canConvertToInt() && m.asInt() >= 0) {
                maxRows = m.asInt();
            } else {
                problems.add("data.maxRows", m.toString(), "an integer >= 0 (0 = all rows)");
            }
        }
        String fetchId = Values.text(node, "data.", "fetch", DataConfig.Fetch.NONE.id(), problems);
        DataConfig.Fetch fetch = DataConfig.Fetch.fromId(fetchId);
        if (fetchId != null && fetch == null) {
            problems.add("data.fetch", quote(fetchId), "\"mnist\" or \"none\"" + suggest(fetchId, List.of("mnist", "none")));
        }
        boolean sparse = false;
        JsonNode sp = node.get("sparse");
        if (sp != null) {
            if (sp.isBoolean()) {
                sparse = sp.asBoolean();
            } else {
                problems.add("data.sparse", sp.toString(), "true or false");
            }
        }
        return new DataConfig(train, test, features, labels, fraction, maxRows, fetch, sparse);
    }

    /** The defaults with every valid field of {@code training} in place. */
    private TrainingValues readTraining(JsonNode given) {
        List<FieldValue<?>> values = new ArrayList<>();
        if (given != null) {
            if (given.isObject()) {
                Values.unknownFields(given, TrainingField.NAMES, "training.", problems);
                for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    TrainingField<?> field = TrainingField.named(e.getKey());
                    FieldValue<?> v = field == null ? null : field.read(e.getValue(), "training." + e.getKey(), problems);
                    if (v != null) {
                        values.add(v);
                    }
                }
            } else {
                problems.add("training", given.toString(), "an object of training settings");
            }
        }
        return TrainingValues.ofDefaults().overriding(values);
    }

    /** The grid's fields whose every value is valid, in config order. */
    private List<GridAxis<?>> readGrid(JsonNode node) {
        List<GridAxis<?>> axes = new ArrayList<>();
        if (node == null) {
            return axes;
        }
        if (!node.isObject()) {
            problems.add("grid", node.toString(), "an object mapping training fields to lists of values");
            return axes;
        }
        Values.unknownFields(node, TrainingField.NAMES, "grid.", problems);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            TrainingField<?> field = TrainingField.named(e.getKey());
            if (field == null) {
                continue;
            }
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                problems.add("grid." + e.getKey(), e.getValue().toString(), "a non-empty list of values");
            } else {
                gridFields.add(e.getKey());
                GridAxis<?> axis = readAxis(field, e.getValue());
                if (axis != null) {
                    axes.add(axis);
                }
            }
        }
        return axes;
    }

    private <T> GridAxis<T> readAxis(TrainingField<T> field, JsonNode list) {
        List<FieldValue<T>> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            FieldValue<T> v = field.read(list.get(i), "grid." + field.id() + "[" + i + "]", problems);
            if (v != null) {
                values.add(v);
            }
        }
        return values.size() == list.size() ? new GridAxis<>(field, values) : null;
    }

    /**
     * The {@code stopping} section; every field is optional and defaults to {@link Stopping#NONE}'s.
     * With problems it is reported and {@link Stopping#NONE} returned.
     */
    private Stopping readStopping(JsonNode node) {
        Stopping defaults = Stopping.NONE;
        if (node == null) {
            return defaults;
        }
        if (!node.isObject()) {
            problems.add("stopping", node.toString(), "an object such as {\"type\": \"sha\", \"minEpochs\": 1, "
                    + "\"eta\": 3, \"metric\": \"validationAccuracy\"}");
            return defaults;
        }
        Values.unknownFields(node, STOPPING_FIELDS, "stopping.", problems);
        int before = problems.count();
        Stopping.Type type = defaults.type();
        Integer minEpochs = defaults.minEpochs();
        Integer eta = defaults.eta();
        Stopping.Metric metric = defaults.metric();
        if (node.has("type")) {
            type = Values.oneOf(node.get("type"), "stopping.type", List.of(Stopping.Type.values()), Stopping.Type::id,
                    problems);
        }
        if (node.has("minEpochs")) {
            minEpochs = Values.intAtLeast(node.get("minEpochs"), 1, "stopping.minEpochs", problems);
        }
        if (node.has("eta")) {
            eta = Values.intAtLeast(node.get("eta"), 2, "stopping.eta", problems);
        }
        if (node.has("metric")) {
            metric = Values.oneOf(node.get("metric"), "stopping.metric", List.of(Stopping.Metric.values()),
                    Stopping.Metric::id, problems);
        }
        return problems.count() == before ? new Stopping(type, minEpochs, eta, metric) : defaults;
    }

    /**
     * With early stopping, {@code training.epochs} is every trial's budget, the top rung: it is one
     * value, so {@code epochs} may not vary in the {@code grid} or the {@code search}, and the first
     * rung, {@code stopping.minEpochs}, is at most that budget.
     */
    private void checkStoppingBudget(Stopping stopping, TrainingValues training, List<GridAxis<?>> grid,
                                                     RandomSearch search) {
        for (GridAxis<?> axis : grid) {
            if (axis.field() == TrainingField.EPOCHS) {
                problems.add("grid.epochs", axis.values().stream().map(v -> String.valueOf(v.value())).toList().toString(),
                        "no epochs list with stopping." + "type = \"" + stopping.type().id()
                                + "\": training.epochs is every trial's budget");
            }
        }
        for (RandomSearch.Dimension<?> d : search == null ? List.<RandomSearch.Dimension<?>>of() : search.space()) {
            if (d.field() == TrainingField.EPOCHS) {
                problems.add("search.space.epochs", "{\"" + d.distribution().kind().id() + "\": ...}", "no epochs distribution with stopping."
                        + "type = \"" + stopping.type().id() + "\": training.epochs is every trial's budget");
            }
        }
        int budget = training.get(TrainingField.EPOCHS);
        if (stopping.minEpochs() > budget) {
            problems.add("stopping.minEpochs", String.valueOf(stopping.minEpochs()),
                    "an integer from 1 to training.epochs = " + budget);
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
            int d = editDistance(given.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
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
}
