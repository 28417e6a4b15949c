package io.sparksweep.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.BadInputException;
import io.sparksweep.data.DataProvenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsIOTest {
    @TempDir
    Path dir;

    private static SweepResults sample() throws IOException {
        TrialResult ok = new TrialResult("aaaa1111", 0, Map.of("learningRate", 0.001),
                Map.of("hidden", List.of(100), "learningRate", 0.001), 99, TrialStatus.OK, null,
                new Curve(new double[]{0.1, 0.1}, new double[]{0.9, 0.5}, new double[]{0.7, 0.8},
                        new double[]{0.95, 0.55}, new double[]{0.69, 0.79}), 12.5, 12.0, "1", "123@host", 0);
        TrialResult diverged = new TrialResult("bbbb2222", 1, Map.of("learningRate", 10.0),
                Map.of("hidden", List.of(100), "learningRate", 10.0), 98, TrialStatus.DIVERGED, "loss became NaN or infinite",
                new Curve(new double[]{10}, new double[]{Double.NaN}, new double[]{0.1},
                        new double[]{Double.POSITIVE_INFINITY}, new double[]{0.1}), 1, 1, "0", "124@host", 0);
        TestReport test = new TestReport("aaaa1111", 3, 2.0 / 3, 0.5, new int[][]{{1, 0}, {1, 1}});
        return new SweepResults(SweepResults.SCHEMA_VERSION, "s", "conf/s.json",
                new ObjectMapper().readTree("{\"name\": \"s\"}"),
                new DataProvenance(null, null, "xdata", "ydata", 5, 1, 3, 2, 2, "float32"),
                new RunEnvironment("local[2]", null, null, null, null, null, null, null, null, null, null),
                "2026-01-01T00:00:00Z", 3.5, List.of(ok, diverged), List.of("aaaa1111", "bbbb2222"), test);
    }

    @Test
    void resultsJsonRoundTripsIncludingNaNAndInfinity() throws IOException {
        SweepResults r = sample();
        Path f = dir.resolve("results.json");
        ResultsIO.writeResults(f, r);
        SweepResults back = ResultsIO.readResults(f);
        assertEquals(1, back.schemaVersion());
        assertEquals(r.ranking(), back.ranking());
        assertEquals("s", back.config().get("name").asText());
        assertArrayEquals(r.trials().get(0).curve().validationAccuracy(), back.trials().get(0).curve().validationAccuracy());
        assertTrue(Double.isNaN(back.trials().get(1).curve().trainLoss()[0]));
        assertEquals(Double.POSITIVE_INFINITY, back.trials().get(1).validationLoss());
        assertEquals(TrialStatus.DIVERGED, back.trials().get(1).status());
        assertArrayEquals(new int[]{1, 1}, back.test().confusion()[1]);
        assertEquals(0.5, back.test().perClassAccuracy()[1]);
    }

    @Test
    void trialRecordsAreReadBackInSweepOrder() throws IOException {
        Files.createDirectories(dir.resolve(ResultsIO.TRIALS_DIR));
        SweepResults r = sample();
        ResultsIO.writeTrial(dir, r.trials().get(1));
        ResultsIO.writeTrial(dir, r.trials().get(0));
        List<TrialResult> back = ResultsIO.readTrials(dir);
        assertEquals(List.of("aaaa1111", "bbbb2222"), back.stream().map(TrialResult::id).toList());
        assertEquals(12.5, back.get(0).wallSeconds());
    }

    @Test
    void provenanceRoundTripsThroughTrialRecordsAndResultsJson() throws IOException {
        Files.createDirectories(dir.resolve(ResultsIO.TRIALS_DIR));
        Provenance p = ResultsFixtures.provenance("Haswell", "node7");
        SweepResults r = sample();
        TrialResult withP = r.trials().get(0).withProvenance(p);
        ResultsIO.writeTrial(dir, withP);
        assertEquals(p, ResultsIO.readTrials(dir).get(0).provenance());
        SweepResults withTrial = new SweepResults(r.schemaVersion(), r.sweep(), r.configFile(), r.config(), r.data(),
                r.environment(), r.startedAt(), r.wallSeconds(), List.of(withP, r.trials().get(1)), r.ranking(), r.test());
        ResultsIO.writeResults(dir.resolve("results.json"), withTrial);
        SweepResults back = ResultsIO.readResults(dir.resolve("results.json"));
        assertEquals(p, back.trials().get(0).provenance());
        assertEquals(null, back.trials().get(1).provenance());
    }

    @Test
    void recordsWrittenBeforeProvenanceExistedStillRead() throws IOException {
        Files.createDirectories(dir.resolve(ResultsIO.TRIALS_DIR));
        // A trial record exactly as SparkSweep wrote it before this field existed (no "provenance" key).
        String old = """
                {"id": "cccc3333", "index": 2, "varied": {"learningRate": 0.01},
                 "settings": {"hidden": [100], "learningRate": 0.01}, "seed": 7, "status": "ok", "error": null,
                 "curve": {"learningRate": [0.01], "trainLoss": [0.5], "trainAccuracy": [0.8],
                           "validationLoss": [0.6], "validationAccuracy": [0.75]},
                 "wallSeconds": 2.0, "cpuSeconds": 1.9, "executor": "driver", "process": "1@host", "attempt": 0}
                """;
        Files.writeString(dir.resolve(ResultsIO.TRIALS_DIR).resolve("cccc3333.json"), old);
        TrialResult back = ResultsIO.readTrials(dir).get(0);
        assertEquals("cccc3333", back.id());
        assertEquals(0.75, back.validationAccuracy());
        assertEquals(null, back.provenance());
    }

    @Test
    void resultsJsonOfAnEarlierRunReadsIntoTheTypedRecordsAndWritesBackTheSameDataAndEnvironment() throws IOException {
        // Written by SparkSweep before data and environment were typed (they were maps then).
        Path earlier = Path.of("docs/results/mnist-seed/results.json");
        SweepResults r = ResultsIO.readResults(earlier);
        assertEquals("data/mnist_traindata.hdf5", r.data().train().path());
        assertEquals(64, r.data().test().sha256().length());
        assertEquals(50000, r.data().trainRows());
        assertEquals(10000, r.data().validationRows());
        assertEquals("uint8/255", r.data().storage());
        assertEquals("local[*]", r.environment().master());
        assertEquals(false, r.environment().mixedBlas());
        assertEquals(6, r.environment().blasSetups().get(0).trials());
        JsonNode stored = ResultsIO.json().readTree(earlier.toFile());
        JsonNode written = ResultsIO.json().readTree(ResultsIO.toJson(r));
        assertEquals(stored.get("data"), written.get("data"));
        assertEquals(stored.get("environment"), written.get("environment"));
        assertEquals((iterable(stored.get("environment").fieldNames())),
                (iterable(written.get("environment").fieldNames())), "same field order");
    }

    @Test
    void environmentOfARunBeforeTrialProvenanceReadsWithoutTheBlasSetupsAndWritesBackAsItWas() throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, """
                {"schemaVersion": 1, "sweep": "s", "environment": {"master": "local[2]", "sparkVersion": "Spark 4.2.0",
                 "javaVersion": "17", "blas": "dev.ludovic.netlib.blas.JNIBLAS", "sparksweepVersion": "0.1.0",
                 "os": "Linux amd64", "cores": 2}, "trials": [], "ranking": []}
                """);
        RunEnvironment env = ResultsIO.readResults(f).environment();
        assertEquals("local[2]", env.master());
        assertEquals(2, env.cores());
        assertNull(env.blasSetup());
        assertNull(env.mixedBlas());
        assertNull(env.blasSetups());
        JsonNode written = ResultsIO.json().readTree(ResultsIO.toJson(env));
        assertEquals(ResultsIO.json().readTree(f.toFile()).get("environment"), written, "written back as it was");
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void csvHasOneRankedRowPerTrial() throws IOException {
        SweepResults r = sample();
        Path f = dir.resolve("results.csv");
        ResultsIO.writeCsv(f, Ranking.rank(r.trials()));
        List<String> lines = Files.readAllLines(f);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("rank,trial,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1,aaaa1111,"), lines.get(1));
        assertTrue(lines.get(1).contains(",ok,0.5,0.8,0.55,0.79,2,12.500,12.000,1,"), lines.get(1));
        assertTrue(lines.get(2).contains(",diverged,"), lines.get(2));
    }

    @Test
    void unreadableResultsFileIsOneLine() throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, "{\"schemaVersion\": ");
        String message = assertThrows(BadInputException.class, () -> ResultsIO.readResults(f)).getMessage();
        assertTrue(message.startsWith(f + ": not a valid results file"), message);
        assertEquals(1, message.lines().count());
    }
}
