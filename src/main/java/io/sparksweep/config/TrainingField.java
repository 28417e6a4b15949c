package io.sparksweep.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.LearningRateSchedule;
import io.sparksweep.nn.Reduction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A training field of a sweep config, with its default and its description: the one place each
 * is written (as Tribuo keeps them on a trainer's fields, or Spark MLlib on a {@code Param}).
 * The same field is read, with the same rules, wherever it is given: under {@code training}, as
 * an entry of a {@code grid} list, as a {@code choice} or a bound of a {@code search}
 * distribution. Defaults are written as in a config and read by the field's own reader; they are
 * the settings of the seed experiment ({@code conf/mnist-seed.json}).
 *
 * <p>{@link #ALL} lists the fields in the order they are documented; each constant below holds
 * its config name, its default as written in a config, and its description.
 *
 * @param <T> the type of the field's values
 */
public final class TrainingField<T> {

    /** Which distributions of a random search can draw a field's values. */
    enum Kind {
        /** Integers: {@code intRange} or {@code choice}. */
        INTEGER,
        /** Real numbers: any distribution. */
        NUMBER,
        /** Anything else: {@code choice} only. */
        OTHER
    }

    /** Reads one JSON value of a field, reporting problems under {@code where}; null when it is not valid. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonNode node, String where, Problems problems);
    }

    /** The most parameters one network may have: they are held in one float array. */
    static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;
    private static final List<String> SCHEDULE_FIELDS = List.of("type", "factor", "every");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code hidden}: the widths of the hidden layers ({@code []}: none, a softmax regression). */
    public static final TrainingField<int[]> HIDDEN = new TrainingField<>("hidden", "[100]",
            "hidden layer widths, input side first, each from 1 to 65536", Kind.OTHER, TrainingField::readHidden);
    /** {@code activation}: read into {@link Activations}. */
    public static final TrainingField<Activations> ACTIVATION = new TrainingField<>("activation", "\"relu\"",
            "the activation of every hidden layer (relu, tanh, sigmoid, leaky_relu), or a list of one per layer",
            Kind.OTHER, TrainingField::readActivations);
    /** {@code epochs}. */
    public static final TrainingField<Integer> EPOCHS = new TrainingField<>("epochs", "50",
            "passes over the training part, at least 1", Kind.INTEGER, TrainingField::positiveInt);
    /** {@code batchSize}: at most the training rows, which the data load checks. */
    public static final TrainingField<Integer> BATCH_SIZE = new TrainingField<>("batchSize", "100",
            "training rows per mini-batch; the last batch of an epoch may be smaller", Kind.INTEGER,
            TrainingField::positiveInt);
    /** {@code learningRate}. */
    public static final TrainingField<Double> LEARNING_RATE = new TrainingField<>("learningRate", "0.001",
            "base learning rate of epoch 1, finite and > 0 (1e-3 with sum equals 0.1 with mean at batch size 100)",
            Kind.NUMBER, Values::positiveNumber);
    /** {@code reduction}. */
    public static final TrainingField<Reduction> REDUCTION = new TrainingField<>("reduction", "\"sum\"",
            "whether a batch's per-row gradients are summed (sum, the seed experiment) or averaged (mean)",
            Kind.OTHER, (n, where, p) -> Values.oneOf(n, where, List.of(Reduction.values()), Reduction::id, p));
    /** {@code schedule}. */
    public static final TrainingField<LearningRateSchedule> SCHEDULE = new TrainingField<>("schedule",
            "{\"type\": \"step\", \"factor\": 0.5, \"every\": 20}",
            "the learning rate over epochs: {\"type\": \"constant\"}, or {\"type\": \"step\"} multiplying it by "
                    + "factor after every `every` epochs", Kind.OTHER, TrainingField::readSchedule);
    /** {@code init}; its {@link InitSpec#sigma()} is NaN here: a trial takes it from {@link #INIT_SIGMA}. */
    public static final TrainingField<InitSpec> INIT = new TrainingField<>("init", "\"normal\"",
            "how the starting weights are drawn (normal, xavier, he), or the path of a saved model (.h5) to start from",
            Kind.OTHER, TrainingField::readInit);
    /** {@code initSigma}. */
    public static final TrainingField<Double> INIT_SIGMA = new TrainingField<>("initSigma", "1.0",
            "standard deviation of the normal initialiser's weights and biases; ignored by the others",
            Kind.NUMBER, Values::positiveNumber);
    /** {@code shuffle}. */
    public static final TrainingField<Boolean> SHUFFLE = new TrainingField<>("shuffle", "false",
            "whether each epoch visits the training rows in a seeded random order (false: in file order)",
            Kind.OTHER, TrainingField::readBoolean);

    /** Every training field, in the order they are documented. */
    public static final List<TrainingField<?>> ALL = List.of(HIDDEN, ACTIVATION, EPOCHS, BATCH_SIZE, LEARNING_RATE,
            REDUCTION, SCHEDULE, INIT, INIT_SIGMA, SHUFFLE);
    /** The names of {@link #ALL}, in order. */
    static final List<String> NAMES = ALL.stream().map(TrainingField::id).toList();

    private final String id;
    private final String defaultJson;
    private final String description;
    private final Kind kind;
    private final Reader<T> reader;
    private final FieldValue<T> defaultValue;

    private TrainingField(String id, String defaultJson, String description, Kind kind, Reader<T> reader) {
        this.id = id;
        this.defaultJson = defaultJson;
        this.description = description;
        this.kind = kind;
        this.reader = reader;
        try {
            this.defaultValue = read(JSON.readTree(defaultJson), id, new Problems("default"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("default of " + id + " is not JSON: " + defaultJson, e);
        }
        if (defaultValue == null) {
            throw new IllegalStateException("default of " + id + " is not a valid value: " + defaultJson);
        }
    }

    /** The name in {@code conf/*.json}, under {@code training}, {@code grid} and {@code search.space}. */
    public String id() {
        return id;
    }

    /** What the field means. */
    public String description() {
        return description;
    }

    /** The default as written in a config. */
    public String defaultJson() {
        return defaultJson;
    }

    /** The default value. */
    public T defaultValue() {
        return defaultValue.value();
    }

    FieldValue<T> defaultFieldValue() {
        return defaultValue;
    }

    Kind kind() {
        return kind;
    }

    /** The field named {@code id}, or null. */
    static TrainingField<?> named(String id) {
        for (TrainingField<?> f : ALL) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Reads one value of this field on its own (a {@code training} field, one entry of a grid list,
     * one {@code choice} of a search, one bound of a distribution), reporting problems under the
     * name {@code where}. What depends on other fields (one activation per hidden layer) is checked
     * when a trial is built ({@link GridExpander}).
     *
     * @return the value, or null when it is not valid
     */
    FieldValue<T> read(JsonNode node, String where, Problems problems) {
        int before = problems.count();
        T value = reader.read(node, where, problems);
        return value == null || problems.count() != before ? null : new FieldValue<>(this, value, Values.written(node));
    }

    /**
     * A value of this {@link Kind#INTEGER} or {@link Kind#NUMBER} field drawn by a distribution,
     * {@code drawn} as written (a Long from {@code intRange}, a Double otherwise). The draw lies
     * between bounds that were read as values of this field, so it is valid.
     */
    @SuppressWarnings("unchecked")
    FieldValue<T> ofNumber(Number drawn) {
        Object value = switch (kind) {
            case INTEGER -> drawn.intValue();
            case NUMBER -> drawn.doubleValue();
            case OTHER -> throw new IllegalStateException(id + " is not a number");
        };
        return new FieldValue<>(this, (T) value, drawn);
    }

    @Override
    public String toString() {
        return id;
    }

    // ------------------------------------------------------------------ readers

    private static Integer positiveInt(JsonNode n, String where, Problems problems) {
        return Values.intAtLeast(n, 1, where, problems);
    }

    private static Boolean readBoolean(JsonNode n, String where, Problems problems) {
        if (!n.isBoolean()) {
            problems.add(where, n.toString(), "true or false");
            return null;
        }
        return n.asBoolean();
    }

    private static int[] readHidden(JsonNode n, String where, Problems problems) {
        if (!n.isArray()) {
            problems.add(where, n.toString(), "a list of hidden layer widths, e.g. [100] or [256, 128]");
            return null;
        }
        int before = problems.count();
        int[] widths = new int[n.size()];
        for (int i = 0; i < n.size(); i++) {
            JsonNode w = n.get(i);
            if (w.isIntegralNumber() && w.canConvertToInt() && w.asInt() >= 1 && w.asInt() <= 65536) {
                widths[i] = w.asInt();
            } else {
                problems.add(where + "[" + i + "]", w.toString(), "an integer width from 1 to 65536");
            }
        }
        long parameters = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            parameters += (long) widths[i] * widths[i + 1] + widths[i + 1];
        }
        if (parameters > MAX_PARAMETERS) {
            problems.add(where, n.toString(), "widths whose weights fit one float array, but the weights between the "
                    + "hidden layers alone number " + parameters + ", more than " + MAX_PARAMETERS);
        }
        return problems.count() == before ? widths : null;
    }

    /**
     * One activation for every layer or a list of one per layer, of any length: that it matches the
     * trial's {@code hidden} is checked when the trial is built.
     */
    private static Activations readActivations(JsonNode n, String where, Problems problems) {
        List<Activation> all = List.of(Activation.values());
        if (n.isTextual()) {
            Activation a = Values.oneOf(n, where, all, Activation::id, problems);
            return a == null ? null : Activations.every(a);
        }
        if (n.isArray()) {
            List<Activation> perLayer = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                perLayer.add(Values.oneOf(n.get(i), where + "[" + i + "]", all, Activation::id, problems));
            }
            return perLayer.contains(null) ? null : Activations.perLayer(perLayer);
        }
        problems.add(where, n.toString(), "one of " + Values.ids(all, Activation::id)
                + ", or a list of them with one per hidden layer");
        return null;
    }

    /** The config name of a schedule type: {@code constant} or {@code step}. */
    static String scheduleTypeId(LearningRateSchedule.Type type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static LearningRateSchedule readSchedule(JsonNode n, String where, Problems problems) {
        if (!n.isObject()) {
            problems.add(where, n.toString(),
                    "{\"type\": \"constant\"} or {\"type\": \"step\", \"factor\": 0.5, \"every\": 20}");
            return null;
        }
        Values.unknownFields(n, SCHEDULE_FIELDS, where + ".", problems);
        List<LearningRateSchedule.Type> types = List.of(LearningRateSchedule.Type.values());
        LearningRateSchedule.Type type = Values.named(n.get("type"), where + ".type", types,
                TrainingField::scheduleTypeId, "\"constant\" or \"step\"", problems);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case CONSTANT -> {
                for (String stepOnly : List.of("factor", "every")) {
                    if (n.has(stepOnly)) {
                        problems.line(where + "." + stepOnly + " does not apply to type \"constant\"; expected no "
                                + stepOnly + ", or \"type\": \"step\"");
                    }
                }
                yield LearningRateSchedule.constant();
            }
            case STEP -> {
                JsonNode factor = n.get("factor");
                JsonNode every = n.get("every");
                double fv = factor == null ? Double.NaN : factor.asDouble(Double.NaN);
                boolean factorOk = factor != null && factor.isNumber() && fv > 0 && !Double.isInfinite(fv);
                if (!factorOk) {
                    problems.add(where + ".factor", factor == null ? "missing" : factor.toString(), "a finite number > 0");
                }
                Integer ev = null;
                if (every == null) {
                    problems.add(where + ".every", "missing", "an integer >= 1 (epochs between steps)");
                } else {
                    ev = Values.intAtLeast(every, 1, where + ".every", problems);
                }
                yield factorOk && ev != null ? LearningRateSchedule.step(fv, ev) : null;
            }
        };
    }

    /** An initialiser or a model path; the trial's {@code initSigma} is set when the trial is built. */
    private static InitSpec readInit(JsonNode n, String where, Problems problems) {
        List<Initializer> all = List.of(Initializer.values());
        if (!n.isTextual()) {
            problems.add(where, n.toString(), "one of " + Arrays.stream(Initializer.values()).map(Initializer::id).toList()
                    + " or the path of a saved model (.h5)");
            return null;
        }
        String v = n.asText();
        if (v.indexOf('\0') >= 0) {
            problems.add(where, n.toString(), "a model path without NUL characters");
            return null;
        }
        if (v.endsWith(".h5") || v.endsWith(".hdf5") || v.contains("/")) {
            return new InitSpec(null, Double.NaN, v);
        }
        Initializer init = Values.oneOf(n, where, all, Initializer::id, problems);
        return init == null ? null : new InitSpec(init, Double.NaN, null);
    }
}
