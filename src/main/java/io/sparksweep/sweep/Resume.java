package io.sparksweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.BadInputException;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.config.Trial;
import io.sparksweep.nn.Network;
import io.sparksweep.results.ModelFile;
import io.sparksweep.results.Ranking;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Continuing an interrupted run: which stored trial records still hold for the config, and the
 * best weights saved so far. A record is reused only when its id and every setting match a trial
 * of the config; failed trials run again. The run's inputs (config and data fingerprints, in
 * {@code inputs.json}) must be unchanged, or the resume is refused with the list of differences.
 */
public final class Resume {
    /** The file, written when a run starts, that records its config and data fingerprints. */
    public static final String INPUTS_FILE = "inputs.json";

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

    /** The inputs document stored in a run folder. */
    static ObjectNode inputs(SweepConfig config, Map<String, Object> dataDescription) {
        ObjectNode n = ResultsIO.json().createObjectNode();
        n.set("config", config.asRun());
        n.set("data", ResultsIO.json().valueToTree(dataDescription));
        return n;
    }

    /**
     * Checks that {@code dir} is a run of the same config on the same data and collects what it
     * finished.
     */
    static Resume load(Path dir, SweepConfig config, Map<String, Object> dataDescription) {
        Path inputsFile = dir.resolve(INPUTS_FILE);
        if (!Files.isRegularFile(inputsFile)) {
            throw new BadInputException("--resume " + dir + ": not a run folder (no " + INPUTS_FILE + ")");
        }
        JsonNode stored;
        try {
            stored = ResultsIO.json().readTree(inputsFile.toFile());
        } catch (java.io.IOException e) {
            throw new BadInputException(inputsFile + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<String> differences = new ArrayList<>();
        diff("", stored, inputs(config, dataDescription), differences);
        if (!differences.isEmpty()) {
            throw new BadInputException("--resume " + dir + ": the config or data differ from the run's ("
                    + differences.size() + "): " + String.join("; ", differences));
        }
        Map<String, Trial> byId = new LinkedHashMap<>();
        config.trials().forEach(t -> byId.put(t.id(), t));
        Map<String, TrialResult> reused = new LinkedHashMap<>();
        for (TrialResult r : ResultsIO.readTrials(dir)) {
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
            if (top.id().equals(ModelFile.trialId(model))) {
                Network n = ModelFile.read(model);
                best = new TrialOutcome(top, n);
            } else {
                reused.remove(top.id()); // its weights were not saved: train it again
            }
        }
        return new Resume(reused, best);
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
        java.util.Set<String> names = new java.util.TreeSet<>();
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
