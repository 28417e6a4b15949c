package io.sparksweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.BadInputException;
import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.config.Trial;
import io.sparksweep.data.DataSource;
import io.sparksweep.data.Fingerprint;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.ModelFile;
import io.sparksweep.nn.NativeBlas;
import io.sparksweep.nn.Network;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.Tables;
import io.sparksweep.results.TrialResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --resume} reuses a trial only when everything it depends on is unchanged (config, data
 * and warm-start model content, build, BLAS), unless the user allows the change; a corrupt record
 * costs only its own trial; trials whose short ids collide are kept apart.
 */
class ResumeTest {
    @TempDir
    static Path shared;
    private static SweepConfig blobs;
    private static SweepResults reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void referenceRun() {
        Fixtures.writeBlobFiles(shared);
        blobs = Fixtures.blobConfig(shared);
        reference = SweepJob.prepare(blobs, SweepJob.Options.to(shared.resolve("reference"), false), quiet())
                .run(new SequentialBackend(), quiet());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    /** A finished run of {@code config} with results.json/csv and the given records removed, as a kill leaves it. */
    private Path interrupted(SweepConfig config, String name, List<String> unfinished) throws IOException {
        Path run = dir.resolve(name);
        SweepJob.prepare(config, SweepJob.Options.to(run, false), quiet()).run(new SequentialBackend(), quiet());
        Files.delete(run.resolve("results.json"));
        Files.delete(run.resolve("results.csv"));
        for (String id : unfinished) {
            Files.delete(run.resolve(ResultsIO.TRIALS_DIR).resolve(id + ".json"));
        }
        return run;
    }

    private static String resume(Path run, SweepConfig config, Set<Resume.Input> allowed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SweepJob.prepare(config, new SweepJob.Options(null, false, run, 0, false, DataSource.LOCAL, allowed), out)
                .run(new SequentialBackend(), out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String refusal(Path run, SweepConfig config) {
        return assertThrows(BadInputException.class, () -> SweepJob.prepare(config,
                new SweepJob.Options(null, false, run, 0, false, DataSource.LOCAL), quiet())).getMessage();
    }

    private static void assertSameTable(SweepResults expected, SweepResults actual) {
        assertEquals(expected.ranking(), actual.ranking());
        for (int i = 0; i < expected.trials().size(); i++) {
            assertArrayEquals(expected.trials().get(i).curve().validationLoss(), actual.trials().get(i).curve().validationLoss());
        }
        assertEquals(expected.test().accuracy(), actual.test().accuracy());
    }

    /** Replaces one top-level field of a run's inputs.json, as another build or BLAS would have written it. */
    private static void storeInput(Path run, String field, String json) throws IOException {
        Path f = run.resolve(Resume.INPUTS_FILE);
        ObjectNode n = (ObjectNode) ResultsIO.json().readTree(f.toFile());
        n.set(field, ResultsIO.json().readTree(json));
        Files.writeString(f, n.toPrettyString());
    }

    @Test
    void inputsRecordTheBuildTheBlasAndTheFormat() throws IOException {
        var n = ResultsIO.json().readTree(shared.resolve("reference").resolve(Resume.INPUTS_FILE).toFile());
        assertEquals("sparksweep-inputs/2", n.get("format").asText());
        assertTrue(n.get("build").get("classesSha256").asText().matches("[0-9a-f]{64}"), n.toString());
        assertEquals(NativeBlas.describe(), n.get("blas").asText());
        assertTrue(n.get("blas").asText().contains(", core "), n.get("blas").asText());
        assertEquals(0, n.get("models").size());
    }

    /** A trial that is not the best of the reference run. */
    private static String notTheBest() {
        String best = reference.ranking().get(0);
        return blobs.trials().stream().map(Trial::id).filter(id -> !id.equals(best)).findFirst().orElseThrow();
    }

    @Test
    void aChangedBuildIsRefusedUnlessAllowed() throws IOException {
        Path run = interrupted(blobs, "build", List.of(notTheBest()));
        storeInput(run, "build", "{\"version\": \"development build\", \"classesSha256\": \"00ff\"}");
        String current = (String) BuildInfo.describe().get("classesSha256");
        assertEquals("--resume " + run + ": the run's inputs differ (1): build.classesSha256: \"00ff\" -> \"" + current
                + "\"; to reuse its trials anyway, pass --allow-changed build", refusal(run, blobs));
        String log = resume(run, blobs, Set.of(Resume.Input.BUILD));
        assertTrue(log.startsWith("warning: --resume " + run + ": reusing trials across the changes you allowed (1): "
                + "build.classesSha256: \"00ff\" -> \"" + current + "\"\n"), log);
        assertTrue(log.contains("Resuming: 3 trials finished earlier, 1 to run"), log);
        assertSameTable(reference, ResultsIO.readResults(run.resolve("results.json")));
    }

    @Test
    void aChangedBlasIsRefusedWithTheDifference() throws IOException {
        Path run = interrupted(blobs, "blas", List.of());
        storeInput(run, "blas", "\"dev.ludovic.netlib.blas.VectorBLAS\"");
        String message = refusal(run, blobs);
        assertEquals("--resume " + run + ": the run's inputs differ (1): blas: \"dev.ludovic.netlib.blas.VectorBLAS\" -> \""
                + Resume.blas() + "\"; to reuse its trials anyway, pass --allow-changed blas", message);
    }

    @Test
    void aChangedWarmStartModelIsRefusedThoughItsPathIsTheSame() throws IOException {
        Path model = dir.resolve("start.h5");
        Architecture arch = new Architecture(8, new int[]{6}, new Activation[]{Activation.RELU}, 3);
        ModelFile.write(model, Network.initialise(arch, Initializer.HE, 1, 1));
        String json = Fixtures.blobConfigJson(shared, "").replace("\"init\": \"he\"", "\"init\": \"" + model + "\"")
                .replace("\"activation\": [\"relu\", \"tanh\"], ", "");
        SweepConfig warm = ConfigLoader.parse(dir.resolve("warm.json"), json);
        String before = Fingerprint.sha256(model);
        Path run = interrupted(warm, "warm", List.of(warm.trials().get(1).id()));
        ModelFile.write(model, Network.initialise(arch, Initializer.HE, 1, 2)); // same path, other weights
        String after = Fingerprint.sha256(model);
        assertNotEquals(before, after);
        assertEquals("--resume " + run + ": the run's inputs differ (1): models." + model + ": \"" + before + "\" -> \""
                + after + "\"; to reuse its trials anyway, pass --allow-changed models", refusal(run, warm));
    }

    @Test
    void aCorruptTrialRecordRerunsOnlyThatTrialAndSaysSo() throws IOException {
        String victim = notTheBest();
        Path run = interrupted(blobs, "corrupt", List.of());
        Path record = run.resolve(ResultsIO.TRIALS_DIR).resolve(victim + ".json");
        String text = Files.readString(record);
        Files.writeString(record, text.substring(0, text.length() / 2)); // cut short, as a crash of an older version left it
        String log = resume(run, blobs, Set.of());
        List<String> warnings = log.lines().filter(l -> l.startsWith("warning: ")).toList();
        assertEquals(1, warnings.size(), log);
        assertTrue(warnings.get(0).startsWith("warning: " + record + ":")
                && warnings.get(0).contains(": not a valid trial record: "), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("; that trial runs again"), warnings.get(0));
        assertTrue(log.contains("Resuming: 3 trials finished earlier, 1 to run"), log);
        assertSameTable(reference, ResultsIO.readResults(run.resolve("results.json")));
        assertEquals(victim, ResultsIO.readTrial(record).id(), "the record is written again, whole");
    }

    @Test
    void aRecordHoldingAnotherTrialThanItsNameIsNotReused() throws IOException {
        List<String> ids = blobs.trials().stream().map(Trial::id).toList();
        Path run = interrupted(blobs, "renamed", List.of());
        Path trials = run.resolve(ResultsIO.TRIALS_DIR);
        Files.copy(trials.resolve(ids.get(0) + ".json"), trials.resolve(ids.get(1) + ".json"),
                StandardCopyOption.REPLACE_EXISTING);
        String log = resume(run, blobs, Set.of());
        assertTrue(log.contains("warning: " + trials.resolve(ids.get(1) + ".json") + ": holds trial " + ids.get(0)
                + ", expected " + ids.get(1) + "; that trial runs again"), log);
        assertSameTable(reference, ResultsIO.readResults(run.resolve("results.json")));
    }

    @Test
    void aFolderOfAnEarlierVersionIsRefusedBeforeDataIsRead() throws IOException {
        Path run = interrupted(blobs, "old", List.of());
        Path f = run.resolve(Resume.INPUTS_FILE);
        ObjectNode n = (ObjectNode) ResultsIO.json().readTree(f.toFile());
        n.remove(List.of("format", "models", "build", "blas"));
        Files.writeString(f, n.toPrettyString());
        SweepConfig noData = ConfigLoader.parse(dir.resolve("nd.json"), Fixtures.blobConfigJson(dir.resolve("absent"), ""));
        assertEquals("--resume " + run + ": written by an earlier SparkSweep (8-digit trial ids; its inputs.json records"
                + " no build, BLAS or model fingerprints), so its trials cannot be matched; start a new run"
                + " (sweep compare still reads the old one)", refusal(run, noData));
    }

    @Test
    void allowChangedTakesOnlyKindsOfInput() {
        assertEquals(Set.of(Resume.Input.BUILD, Resume.Input.BLAS), Resume.Input.parse(List.of("build", "blas")));
        String message = assertThrows(BadInputException.class, () -> Resume.Input.parse(List.of("biuld"))).getMessage();
        assertEquals("--allow-changed biuld: expected one or more of config, data, models, build, blas, separated by commas",
                message);
    }

    /** Two learning rates whose trials' ids share their first 8 hex digits (found by search over 0.000001 steps). */
    private static final String COLLIDING = "{\"name\": \"collide\", \"seed\": 5,"
            + " \"data\": {\"train\": \"TRAIN\", \"test\": \"TEST\"},"
            + " \"training\": {\"hidden\": [6], \"epochs\": 1, \"batchSize\": 20, \"reduction\": \"mean\","
            + " \"schedule\": {\"type\": \"constant\"}, \"init\": \"he\", \"shuffle\": true},"
            + " \"grid\": {\"learningRate\": [0.034611, 0.095913]}}";

    @Test
    void trialsWhoseShortIdsCollideRunRecordAndResumeApart() throws IOException {
        SweepConfig c = ConfigLoader.parse(dir.resolve("collide.json"), COLLIDING
                .replace("TRAIN", shared.resolve("train.h5").toString()).replace("TEST", shared.resolve("test.h5").toString()));
        String a = c.trials().get(0).id();
        String b = c.trials().get(1).id();
        assertNotEquals(a, b);
        assertEquals(a.substring(0, 8), b.substring(0, 8), "the search found a collision of the 32-bit prefix");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path run = dir.resolve("collide");
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SweepResults full = SweepJob.prepare(c, SweepJob.Options.to(run, false), out).run(new SequentialBackend(), out);
        assertEquals(2, full.trials().size());
        try (Stream<Path> s = Files.list(run.resolve(ResultsIO.TRIALS_DIR))) {
            assertEquals(Set.of(a + ".json", b + ".json"), s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        int shown = Tables.shortIdLength(List.of(a, b));
        assertTrue(shown > 8 && shown <= 16, String.valueOf(shown));
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("trial " + a.substring(0, shown) + " learningRate=0.034611"), log);
        assertTrue(log.contains("trial " + b.substring(0, shown) + " learningRate=0.095913"), log);

        String worse = full.ranking().get(1);
        Files.delete(run.resolve("results.json"));
        Files.delete(run.resolve(ResultsIO.TRIALS_DIR).resolve(worse + ".json"));
        String again = resume(run, c, Set.of());
        assertTrue(again.contains("Resuming: 1 trials finished earlier, 1 to run"), again);
        SweepResults resumed = ResultsIO.readResults(run.resolve("results.json"));
        assertEquals(full.ranking(), resumed.ranking());
        for (TrialResult t : resumed.trials()) {
            TrialResult e = full.trials().get(t.index());
            assertArrayEquals(e.curve().validationLoss(), t.curve().validationLoss(), t.id());
        }
    }

    @Test
    void aBestModelThatCannotBeReadIsReportedAndItsTrialRunsAgain() throws IOException {
        Path run = interrupted(blobs, "corrupt-model", List.of(reference.trials().get(0).id()));
        Path model = run.resolve(SweepJob.BEST_MODEL);
        Files.writeString(model, "not a model");
        String out = resume(run, blobs, Set.of());
        assertTrue(out.contains("warning: " + model + ": not an HDF5 file; trial "), out);
        assertSameTable(reference, ResultsIO.readResults(run.resolve("results.json")));
    }

    @Test
    void inputsRecordTheDataUnderTheFieldNamesEarlierVersionsWrote() throws IOException {
        JsonNode data = ResultsIO.json().readTree(shared.resolve("reference").resolve(Resume.INPUTS_FILE).toFile())
                .get(Resume.Input.DATA.id());
        List<String> names = new ArrayList<>();
        data.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("train", "test", "features", "labels", "trainRows", "validationRows", "testRows", "inputs",
                "classes", "storage"), names);
        assertEquals(shared.resolve("train.h5").toString(), data.get("train").get("path").asText());
        assertEquals(Fingerprint.sha256(shared.resolve("train.h5")), data.get("train").get("sha256").asText());
        assertEquals(500, data.get("trainRows").asInt());
        assertEquals(100, data.get("validationRows").asInt());
        assertEquals("uint8/255", data.get("storage").asText());
    }
}
