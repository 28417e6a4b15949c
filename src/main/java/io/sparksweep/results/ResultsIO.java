package io.sparksweep.results;

import io.sparksweep.Csv;
import io.sparksweep.SafeFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparksweep.BadInputException;
import io.sparksweep.JsonProblems;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads and writes a run folder's files: {@code results.json}, {@code results.csv}, and the
 * per-trial records {@code trials/<id>.json} written as each trial completes.
 */
public final class ResultsIO {
    /** Folder of per-trial records inside a run folder. */
    public static final String TRIALS_DIR = "trials";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultsIO() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public static void writeResults(Path file, SweepResults results) {
        SafeFiles.writeString(file, toJson(results));
    }

    /**
     * A {@code results.json}, checked for every field that {@code compare} and {@code report} rely on.
     *
     * @throws BadInputException naming the file, and the field when one is missing or inconsistent
     */
    public static SweepResults readResults(Path file) {
        return ResultsCheck.results(file, read(file, SweepResults.class, "results file"));
    }

    /** Writes one trial's record durably, as soon as it completes. */
    public static void writeTrial(Path runDir, TrialResult result) {
        SafeFiles.writeString(runDir.resolve(TRIALS_DIR).resolve(result.id() + ".json"), toJson(result));
    }

    /** Every trial record under {@code runDir/trials}, ordered by trial index. */
    public static List<TrialResult> readTrials(Path runDir) {
        Path dir = runDir.resolve(TRIALS_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<TrialResult> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                out.add(readTrial(p));
            }
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list trial records (" + e.getMessage() + ")", e);
        }
        out.sort(Comparator.comparingInt(TrialResult::index));
        return out;
    }

    /**
     * One trial record, as {@link #writeTrial} wrote it.
     *
     * @throws BadInputException naming the file when it is missing or not a valid trial record
     */
    public static TrialResult readTrial(Path file) {
        return ResultsCheck.trial(file, read(file, TrialResult.class, "trial record"));
    }

    /**
     * The JSON document in {@code file} (such as a run's {@code inputs.json}), read with the rules
     * of the run folder's other files: no text after the value.
     *
     * @param what the kind of file, for messages: {@code inputs record}
     * @throws BadInputException naming the file, the line and column and the reason when it is
     *                           missing, unreadable or not JSON
     */
    public static JsonNode readJson(Path file, String what) {
        JsonNode node = read(file, JsonNode.class, what);
        if (node == null || node.isMissingNode()) {
            throw new BadInputException(file + ": not a valid " + what + ": the file is empty, expected a JSON value");
        }
        return node;
    }

    /**
     * The ranked table as CSV, one row per trial, best first. With early stopping, columns
     * {@code bracket}, {@code rung} and {@code top_rung} follow {@code epochs_run} (0-based rung
     * indices; {@code rung == top_rung} trained the full budget); without, the columns are as they
     * always were.
     */
    public static void writeCsv(Path file, List<TrialResult> ranked) {
        StringBuilder sb = new StringBuilder();
        List<String> settingNames = ranked.isEmpty() ? List.of() : new ArrayList<>(ranked.get(0).settings().keySet());
        boolean rungs = ranked.stream().anyMatch(TrialResult::hasRung);
        sb.append("rank,trial");
        settingNames.forEach(n -> sb.append(',').append(n));
        sb.append(",status,train_loss,train_accuracy,val_loss,val_accuracy,epochs_run")
                .append(rungs ? ",bracket,rung,top_rung" : "")
                .append(",wall_seconds,cpu_seconds,executor,error\n");
        int rank = 1;
        for (TrialResult r : ranked) {
            sb.append(rank++).append(',').append(r.id());
            for (String n : settingNames) {
                sb.append(',').append(Csv.cell(Tables.format(r.settings().get(n))));
            }
            sb.append(',').append(r.status().id())
                    .append(',').append(num(r.trainLoss()))
                    .append(',').append(num(r.trainAccuracy()))
                    .append(',').append(num(r.validationLoss()))
                    .append(',').append(num(r.validationAccuracy()))
                    .append(',').append(r.curve().epochs());
            if (rungs) {
                sb.append(',').append(r.hasRung() ? r.bracket() : "")
                        .append(',').append(r.hasRung() ? r.rung() : "")
                        .append(',').append(r.hasRung() ? r.topRung() : "");
            }
            sb
                    .append(',').append(String.format(Locale.ROOT, "%.3f", r.wallSeconds()))
                    .append(',').append(String.format(Locale.ROOT, "%.3f", r.cpuSeconds()))
                    .append(',').append(Csv.cell(r.executor() == null ? "" : r.executor()))
                    .append(',').append(Csv.cell(r.error() == null ? "" : r.error()))
                    .append('\n');
        }
        SafeFiles.writeString(file, sb.toString());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(Path file, Class<T> type, String what) {
        try {
            return JSON.readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(file.toFile());
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new BadInputException(file + ": " + what + " not found");
        } catch (JsonProcessingException e) {
            throw new BadInputException(JsonProblems.message(file, "not a valid " + what, e), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read " + what + " (" + e.getMessage() + ")", e);
        }
    }
}
