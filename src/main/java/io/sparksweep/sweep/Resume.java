package io.sparksweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;
import io.sparksweep.SweepException;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.config.Trial;
import io.sparksweep.config.TrialConfig;
import io.sparksweep.data.DataProvenance;
import io.sparksweep.data.Fingerprint;
import io.sparksweep.nn.ModelFile;
import io.sparksweep.nn.NativeBlas;
import io.sparksweep.nn.Network;
import io.sparksweep.results.Ranking;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Continuing an interrupted run: which stored trial records still hold for the config, and the
 * best weights saved so far. A record is reused only when its id and every setting match a trial
 * of the config; failed trials run again, and so does a trial whose record cannot be read.
 *
 * <p>Everything a trial's result depends on is recorded in {@code inputs.json} when a run
 * starts: the config, the data files' SHA-256, every warm-start model file's SHA-256, the
 * SparkSweep build ({@link BuildInfo}) and the BLAS implementation. A resume across a change of
 * any of them is refused with the list of differences, unless the user allows that kind of
 * change ({@code --allow-changed}).
 */
public final class Resume {
    /** The file, written when a run starts, that records every input its trials depend on. */
    public static final String INPUTS_FILE = "inputs.json";
    /** The {@code format} of {@code inputs.json}; folders of earlier versions have none (and 8-hex trial ids). */
    static final String INPUTS_FORMAT = "sparksweep-inputs/2";

    /** The kinds of input a run records, by their key in {@code inputs.json}. */
    public enum Input {
        /** The config as run. */
        CONFIG,
        /** The data files: paths, SHA-256, split. */
        DATA,
        /** The warm-start model files: path to SHA-256. */
        MODELS,
        /** The SparkSweep build: version and hash of its classes. */
        BUILD,
        /** The BLAS implementation matrix products run on. */
        BLAS;

        /** The key in {@code inputs.json} and the word {@code --allow-changed} takes. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses the words of {@code --allow-changed}.
         *
         * @throws BadInputException naming the option and the word that is not a kind of input
         */
        public static Set<Input> parse(List<String> words) {
            Set<Input> kinds = EnumSet.noneOf(Input.class);
            for (String w : words) {
                Input match = Arrays.stream(values()).filter(i -> i.id().equals(w.strip())).findFirst().orElseThrow(() ->
                        new BadInputException("--allow-changed " + w + ": expected one or more of "
                                + String.join(", ", Arrays.stream(values()).map(Input::id).toList()) + ", separated by commas"));
                kinds.add(match);
            }
            return kinds;
        }
    }

    private final Map<String, TrialResult> reused;
    private final TrialOutcome best;

    private Resume(Map<String, TrialResult> reused, TrialOutcome best) {
        this.reused = reused;
        this.best = best;
    }

    /** Nothing to reuse: a fresh run. */
    static Resume none() {
        return new Resume(Map.of(), null);
    }

    /** Records of trials that need not run again, by trial id. */
    public Map<String, TrialResult> reused() {
        return reused;
    }

    /** The best reused trial with its weights, or null. */
    TrialOutcome best() {
        return best;
    }

    /**
     * The driver JVM's BLAS set-up as recorded and compared: source, library version, kernel and
     * threads ({@link NativeBlas#describe()}), the things that change a product's last bits.
     */
    static String blas() {
        return NativeBlas.describe();
    }

    /** The inputs document stored in a run folder. */
    static ObjectNode inputs(SweepConfig config, DataProvenance data) {
        ObjectNode n = ResultsIO.json().createObjectNode();
        n.put("format", INPUTS_FORMAT);
        n.set(Input.CONFIG.id(), config.asRun());
        n.set(Input.DATA.id(), ResultsIO.json().valueToTree(data));
        Map<String, String> models = new TreeMap<>();
        for (Trial t : config.trials()) {
            TrialConfig c = t.config();
            if (c.init().isWarmStart() && !models.containsKey(c.init().modelFile())) {
                models.put(c.init().modelFile(), Fingerprint.sha256(c.init().modelPath()));
            }
        }
        n.set(Input.MODELS.id(), ResultsIO.json().valueToTree(models));
        n.set(Input.BUILD.id(), ResultsIO.json().valueToTree(BuildInfo.describe()));
        n.put(Input.BLAS.id(), blas());
        return n;
    }

    /**
     * Checks, before any data is read, that {@code dir} is a run folder of this version that can
     * be written into.
     *
     * @throws BadInputException naming {@code --resume} and the folder
     */
    static void checkFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--resume " + dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder")
                    + ", expected a run folder written by 'sweep run'");
        }
        JsonNode stored = readInputs(dir);
        if (!INPUTS_FORMAT.equals(stored.path("format").asText())) {
            throw new BadInputException("--resume " + dir + ": written by an earlier SparkSweep (8-digit trial ids; its "
                    + INPUTS_FILE + " records no build, BLAS or model fingerprints), so its trials cannot be matched;"
                    + " start a new run (sweep compare still reads the old one)");
        }
        SafeFiles.checkFolderCreatable("--resume", dir);
        Path trials = dir.resolve(ResultsIO.TRIALS_DIR);
        if (Files.exists(trials)) {
            SafeFiles.checkFolderCreatable("--resume", trials);
        }
    }

    private static JsonNode readInputs(Path dir) {
        Path inputsFile = dir.resolve(INPUTS_FILE);
        if (!Files.isRegularFile(inputsFile)) {
            throw new BadInputException("--resume " + dir + ": not a run folder (no " + INPUTS_FILE + ")");
        }
        JsonNode stored = ResultsIO.readJson(inputsFile, "inputs record");
        if (!stored.isObject()) {
            throw new BadInputException(inputsFile + ": not a run's inputs record, expected a JSON object");
        }
        return stored;
    }

    /**
     * Checks that {@code dir} is a run of the same inputs (or of inputs changed only in the
     * kinds {@code allowed}) and collects what it finished. Allowed differences, and trial records
     * that cannot be read, are reported on {@code console}, one line each.
     *
     * @throws BadInputException listing the differences that are not allowed
     */
    static Resume load(Path dir, SweepConfig config, DataProvenance data, Set<Input> allowed,
                       PrintStream console) {
        checkFolder(dir);
        JsonNode stored = readInputs(dir);
        ObjectNode current = inputs(config, data);
        List<String> refused = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        Set<Input> refusedKinds = EnumSet.noneOf(Input.class);
        for (Input kind : Input.values()) {
            List<String> d = new ArrayList<>();
            diff(kind.id(), stored.get(kind.id()), current.get(kind.id()), d);
            if (allowed.contains(kind)) {
                accepted.addAll(d);
            } else if (!d.isEmpty()) {
                refused.addAll(d);
                refusedKinds.add(kind);
            }
        }
        if (!refused.isEmpty()) {
            throw new BadInputException("--resume " + dir + ": the run's inputs differ (" + refused.size() + "): "
                    + String.join("; ", refused) + "; to reuse its trials anyway, pass --allow-changed "
                    + String.join(",", refusedKinds.stream().map(Input::id).toList()));
        }
        if (!accepted.isEmpty()) {
            console.println("warning: --resume " + dir + ": reusing trials across the changes you allowed ("
                    + accepted.size() + "): " + String.join("; ", accepted));
        }
        Map<String, Trial> byId = new LinkedHashMap<>();
        config.trials().forEach(t -> byId.put(t.id(), t));
        Map<String, TrialResult> reused = new LinkedHashMap<>();
        for (TrialResult r : readableRecords(dir, console)) {
            Trial t = byId.get(r.id());
            JsonNode settings = ResultsIO.json().valueToTree(r.settings());
            if (t != null && r.status() != TrialStatus.FAILED
                    && settings.equals(ResultsIO.json().valueToTree(t.config().describe()))) {
                reused.put(r.id(), r);
            }
        }
        TrialOutcome best = null;
        List<TrialResult> ranked = Ranking.rank(new ArrayList<>(reused.values()));
        if (!ranked.isEmpty() && ranked.get(0).status() == TrialStatus.OK) {
            TrialResult top = ranked.get(0);
            Path model = dir.resolve(SweepJob.BEST_MODEL);
            Network n = null;
            try {
                if (top.id().equals(ModelFile.trialId(model))) {
                    n = ModelFile.read(model);
                }
            } catch (BadInputException e) {
                console.println("warning: " + oneLine(e.getMessage()) + "; trial " + top.id() + " runs again for its weights");
            }
            if (n != null) {
                best = new TrialOutcome(top, n);
            } else {
                reused.remove(top.id()); // its weights were not saved: train it again
            }
        }
        return new Resume(reused, best);
    }

    /**
     * The trial records in {@code dir/trials}; a record that cannot be read, or that holds
     * another trial than its name says, is skipped with one line on {@code console}, so that its
     * trial runs again and its file is replaced.
     */
    private static List<TrialResult> readableRecords(Path dir, PrintStream console) {
        Path trials = dir.resolve(ResultsIO.TRIALS_DIR);
        if (!Files.isDirectory(trials)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(trials)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new SweepException(trials + ": cannot list trial records (" + e.getMessage() + ")", e);
        }
        List<TrialResult> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String expectedId = name.substring(0, name.length() - ".json".length());
            try {
                TrialResult r = ResultsIO.readTrial(f);
                if (r == null || !expectedId.equals(r.id())) {
                    console.println("warning: " + f + ": holds trial " + (r == null ? "null" : r.id())
                            + ", expected " + expectedId + "; that trial runs again");
                    continue;
                }
                out.add(r);
            } catch (BadInputException e) {
                console.println("warning: " + oneLine(e.getMessage()) + "; that trial runs again");
            }
        }
        return out;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** Lists differences between two JSON documents as {@code path: stored -> current}. */
    static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || b == null || a.getNodeType() != b.getNodeType() || a.isValueNode()) {
            if (a == null ? b != null : !a.equals(b)) {
                out.add((path.isEmpty() ? "(root)" : path) + ": " + a + " -> " + b);
            }
            return;
        }
        if (a.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                diff(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
            return;
        }
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (String name : names) {
            diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), out);
        }
    }
}
