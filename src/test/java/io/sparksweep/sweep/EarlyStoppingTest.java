package io.sparksweep.sweep;

import io.sparksweep.config.SweepConfig;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.StoppingRun;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hyperband and successive halving end to end in the driver's thread: trials are stopped early,
 * the ones that reach the top rung equal uninterrupted training bit for bit, and a run without
 * stopping is what it was.
 */
class EarlyStoppingTest {
    @TempDir
    static Path dir;
    static SweepResults none;

    @BeforeAll
    static void withoutStopping() {
        Fixtures.writeBlobFiles(dir);
        none = SweepJob.prepare(config("none", ""), SweepJob.Options.to(dir.resolve("none"), false), quiet()).run(new SequentialBackend(), quiet());
    }

    static SweepConfig config(String name, String stopping) {
        return Fixtures.stoppingConfig(dir, name, stopping);
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    private static Map<String, TrialResult> byId(SweepResults r) {
        return r.trials().stream().collect(Collectors.toMap(TrialResult::id, Function.identity()));
    }

    @Test
    void hyperbandStopsTrialsEarlyAndTopRungTrialsEqualUninterruptedTrainingBitForBit() throws Exception {
        SequentialBackend backend = new SequentialBackend();
        Path out = dir.resolve("hyperband");
        SweepResults hb = Fixtures.run(config("hb", Fixtures.HYPERBAND), backend,
                out, false, quiet());
        Map<String, TrialResult> plain = byId(none);
        assertEquals(12, hb.trials().size());
        List<TrialResult> top = hb.trials().stream().filter(t -> t.status() == TrialStatus.OK).toList();
        List<TrialResult> stopped = hb.trials().stream().filter(t -> t.status() == TrialStatus.STOPPED).toList();
        assertFalse(stopped.isEmpty(), "some trials stopped early");
        assertFalse(top.isEmpty(), "some trials reached the top rung");
        for (TrialResult t : top) {
            TrialResult p = plain.get(t.id());
            assertEquals(9, t.curve().epochs());
            assertEquals(t.topRung(), t.rung());
            assertArrayEquals(p.curve().trainLoss(), t.curve().trainLoss(), t.id());
            assertArrayEquals(p.curve().validationLoss(), t.curve().validationLoss(), t.id());
            assertArrayEquals(p.curve().validationAccuracy(), t.curve().validationAccuracy(), t.id());
            assertArrayEquals(p.curve().learningRate(), t.curve().learningRate(), t.id());
        }
        for (TrialResult t : stopped) {
            TrialResult p = plain.get(t.id());
            assertTrue(t.curve().epochs() < 9 && t.rung() < t.topRung(), t.id());
            // a stopped trial's curve is the start of its uninterrupted curve
            assertArrayEquals(java.util.Arrays.copyOf(p.curve().validationLoss(), t.curve().epochs()),
                    t.curve().validationLoss(), t.id());
        }
        // ranking: ok (top rung) first, then stopped by epochs reached
        List<TrialResult> ranked = hb.ranking().stream().map(byId(hb)::get).toList();
        assertEquals(top.size(), ranked.stream().takeWhile(t -> t.status() == TrialStatus.OK).count());
        for (int i = top.size() + 1; i < ranked.size(); i++) {
            assertTrue(ranked.get(i - 1).curve().epochs() >= ranked.get(i).curve().epochs());
        }
        // the best of the top rung is the best of the full runs among them; same weights file when the same trial
        String best = hb.ranking().get(0);
        assertEquals(best, hb.test().trialId());
        if (best.equals(none.ranking().get(0))) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("none/best-model.h5")), Files.readAllBytes(out.resolve("best-model.h5")));
        }
        // fewer epochs than without stopping, no checkpoint left, the bound held
        int epochs = hb.trials().stream().mapToInt(t -> t.curve().epochs()).sum();
        assertTrue(epochs < 12 * 9, "epochs trained " + epochs);
        assertFalse(Files.exists(out.resolve(CheckpointFiles.DIR)), "checkpoints removed at the end");
        assertTrue(backend.held().most() >= 1 && backend.held().most() <= 2, "held " + backend.held().most());
        assertEquals(0, backend.held().now());
        assertEquals("hyperband", hb.stopping().type());
        assertTrue(hb.stopping().synchronous());
        assertEquals(List.of(2, 1, 0), hb.stopping().brackets().stream().map(StoppingRun.BracketRun::s).toList());
        // the records on disk are the final ones
        for (TrialResult r : ResultsIO.readTrials(out)) {
            assertEquals(byId(hb).get(r.id()).status(), r.status());
            assertEquals(byId(hb).get(r.id()).rung(), r.rung());
        }
    }

    @Test
    void successiveHalvingKeepsATopRungTrialAndTrainsItToTheEnd() {
        SweepResults sha = Fixtures.run(config("sha", "{\"type\": \"sha\", \"minEpochs\": 1, \"eta\": 3}"),
                new SequentialBackend(), dir.resolve("sha"), false, quiet());
        // one bracket s = 2, rungs 1, 3, 9: 12 -> 4 -> 1
        assertEquals(1, sha.trials().stream().filter(t -> t.status() == TrialStatus.OK).count());
        assertEquals(8, sha.trials().stream().filter(t -> t.curve().epochs() == 1).count());
        assertEquals(3, sha.trials().stream().filter(t -> t.curve().epochs() == 3).count());
        assertTrue(sha.trials().stream().allMatch(t -> t.bracket() == 2 && t.topRung() == 2));
        TrialResult winner = byId(sha).get(sha.ranking().get(0));
        assertArrayEquals(byId(none).get(winner.id()).curve().validationLoss(), winner.curve().validationLoss());
        // the rung-0 winners were the best four at epoch 1, ties by id
        List<String> atOne = sha.trials().stream().sorted(java.util.Comparator
                .comparingDouble((TrialResult t) -> -t.curve().validationAccuracy()[0]).thenComparing(TrialResult::id))
                .map(TrialResult::id).limit(4).sorted().toList();
        assertEquals(atOne, sha.trials().stream().filter(t -> t.curve().epochs() > 1).map(TrialResult::id).sorted().toList());
    }

    @Test
    void tableAndCsvShowRungAndBracketAndCompareStillMatchesTrialsBySettings() throws Exception {
        Path out = dir.resolve("hb-table");
        SweepResults hb = SweepJob.prepare(config("hb", Fixtures.HYPERBAND), SweepJob.Options.to(out, false), quiet()).run(new SequentialBackend(), quiet());
        List<TrialResult> ranked = hb.ranking().stream().map(byId(hb)::get).toList();
        String table = io.sparksweep.results.Tables.ranked(ranked);
        String header = table.lines().findFirst().orElseThrow();
        assertTrue(header.matches(".*val loss  epochs  rung  bracket  time .*status"), header);
        String firstRow = table.lines().skip(2).findFirst().orElseThrow();
        assertTrue(firstRow.contains(" " + ranked.get(0).rung() + "/" + ranked.get(0).topRung() + " "), firstRow);
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertTrue(csv.get(0).contains(",epochs_run,bracket,rung,top_rung,wall_seconds,"), csv.get(0));
        TrialResult last = ranked.get(ranked.size() - 1);
        assertTrue(csv.get(csv.size() - 1).contains("," + last.curve().epochs() + "," + last.bracket() + "," + last.rung()
                + "," + last.topRung() + ","), csv.get(csv.size() - 1));
        // compare reads the new columns as bookkeeping: the same settings as a run without stopping
        var a = io.sparksweep.compare.RunTable.load(out.resolve("results.csv"));
        var b = io.sparksweep.compare.RunTable.load(dir.resolve("none/results.csv"));
        assertEquals(b.rows().stream().map(r -> r.settings().toString()).sorted().toList(),
                a.rows().stream().map(r -> r.settings().toString()).sorted().toList());
        assertFalse(Files.readAllLines(dir.resolve("none/results.csv")).get(0).contains("rung"));
        // the report: a rung chart with stopping, none without; stopped trials' curves drawn up to where they stopped
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<h2 id=\"rungs\">Rungs</h2>") && report.contains("charts/rungs.png"));
        assertTrue(Files.size(out.resolve("charts/rungs.png")) > 1000);
        assertTrue(report.contains(" stopped"), "summary counts stopped trials");
        TrialResult stopped = ranked.stream().filter(t -> t.status() == TrialStatus.STOPPED).findFirst().orElseThrow();
        assertTrue(report.contains("stopped after " + stopped.curve().epochs() + " epoch(s)"));
        String plain = Files.readString(dir.resolve("none/report.html"));
        assertFalse(plain.contains("rungs.png") || plain.contains("stopped"), "a run without stopping reports as before");
    }

    @Test
    void withoutStoppingResultsHaveNoRungAndNoStoppingSection() throws Exception {
        assertNull(none.stopping());
        assertTrue(none.trials().stream().noneMatch(TrialResult::hasRung));
        String json = Files.readString(dir.resolve("none/results.json"));
        assertFalse(json.contains("\"rung\"") || json.contains("\"stopping\"") || json.contains("\"bracket\""), json);
    }
}
