package io.sparksweep.sweep;

import io.sparksweep.config.SweepConfig;
import io.sparksweep.results.Curve;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    @TempDir
    Path dir;

    private static TrialResult result(io.sparksweep.config.Trial t, double valAcc) {
        Curve c = new Curve(new double[]{0.1}, new double[]{1}, new double[]{0.5}, new double[]{1}, new double[]{valAcc});
        return new TrialResult(t.id(), t.index(), t.varied(), t.config().describe(), t.seed(), TrialStatus.OK, null, c,
                2.0, 2.0, "1", "1@h", 0);
    }

    @Test
    void statusLineCountsDoneRunningEpochsBestAndEta() {
        SweepConfig config = Fixtures.blobConfig(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress(config.trials(), out, false, 0)) {
            var trials = config.trials();
            p.started(0);
            p.started(1);
            p.epoch(1, 3);
            assertTrue(p.statusLine().startsWith("0/4 done, 2 running (" + trials.get(1).id().substring(0, 8) + " epoch 3/4), best val acc -, 0:0"),
                    p.statusLine());
            p.finished(result(trials.get(0), 0.91), false);
            p.finished(result(trials.get(1), 0.87), false);
            String line = p.statusLine();
            assertTrue(line.startsWith("2/4 done, 0 running, best val acc 91.00%, "), line);
            assertTrue(line.contains(" elapsed, ETA "), line);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("[1/4] trial " + config.trials().get(0).id().substring(0, 8) + " activation=relu learningRate=0.05: ok val acc 91.00% (2.0s on 1)"),
                lines.get(0));
    }

    /** A result that trained {@code epochs} epochs. */
    private static TrialResult result(io.sparksweep.config.Trial t, double valAcc, int epochs) {
        double[] v = new double[epochs];
        java.util.Arrays.fill(v, valAcc);
        Curve c = new Curve(v, v, v, v, v);
        return new TrialResult(t.id(), t.index(), t.varied(), t.config().describe(), t.seed(), TrialStatus.OK, null, c,
                2.0, 2.0, "1", "1@h", 0);
    }

    /** The ETA shown in {@code line}, in seconds, or -1 when none is shown. */
    private static int eta(String line) {
        int at = line.indexOf(", ETA ");
        if (at < 0) {
            return -1;
        }
        String[] mmss = line.substring(at + 6).split(":");
        return Integer.parseInt(mmss[0]) * 60 + Integer.parseInt(mmss[1]);
    }

    private static final long SECOND = 1_000_000_000L;

    @Test
    void etaCountsDownSteadilyForASteadyRunAndIsAbsentBeforeTheFirstEpoch() {
        SweepConfig config = Fixtures.blobConfig(dir); // 4 trials of 4 epochs
        var trials = config.trials();
        long[] now = {0};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress(trials, t -> 1, new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 0,
                () -> now[0])) {
            // Two cores, one epoch per second per trial: trials 0 and 1 over 0-4 s, 2 and 3 over 4-8 s.
            p.started(0);
            p.started(1);
            now[0] = SECOND / 2;
            assertEquals(-1, eta(p.statusLine()), "no estimate before an epoch finished: " + p.statusLine());
            List<Integer> etas = new java.util.ArrayList<>();
            for (int s = 1; s < 8; s++) {
                now[0] = s * SECOND;
                int first = s <= 4 ? 0 : 2;
                int epoch = s <= 4 ? s : s - 4;
                if (s == 4) {
                    p.finished(result(trials.get(0), 0.9, 4), false);
                    p.finished(result(trials.get(1), 0.8, 4), false);
                    p.started(2);
                    p.started(3);
                } else {
                    p.epoch(first, epoch);
                    p.epoch(first + 1, epoch);
                }
                etas.add(eta(p.statusLine()));
            }
            assertEquals(List.of(7, 6, 5, 4, 3, 2, 1), etas, "8 s of work in all, 2 epochs a second");
        }
    }

    @Test
    void etaCountsDownBetweenReportsAndWeighsEpochsByTheirTrialsCost() {
        SweepConfig config = Fixtures.blobConfig(dir);
        var trials = config.trials();
        long[] now = {0};
        // Trial 0's epochs cost 3, the others' 1: 3·4 + 3·4 = 24 units in all.
        try (Progress p = new Progress(trials, t -> t.index() == 0 ? 3 : 1, new PrintStream(new ByteArrayOutputStream()),
                false, 0, () -> now[0])) {
            p.started(0);
            now[0] = 2 * SECOND;
            p.epoch(0, 2); // 6 units in 2 s: 3 a second, 18 left
            assertEquals(6, eta(p.statusLine()));
            now[0] = 5 * SECOND; // no report since: the estimate counts down from the last one
            assertEquals(3, eta(p.statusLine()));
            now[0] = 6 * SECOND;
            p.epoch(0, 2); // the same count again is no news
            assertEquals(2, eta(p.statusLine()));
        }
    }

    @Test
    void etaLeavesOutTrialsReusedFromAnEarlierRun() {
        SweepConfig config = Fixtures.blobConfig(dir);
        var trials = config.trials();
        long[] now = {0};
        try (Progress p = new Progress(trials, t -> 1, new PrintStream(new ByteArrayOutputStream()), false, 0,
                () -> now[0])) {
            p.finished(result(trials.get(0), 0.9, 4), true);
            p.finished(result(trials.get(1), 0.9, 4), true);
            now[0] = SECOND;
            assertEquals(-1, eta(p.statusLine()), "reused trials are no work done in this run");
            p.started(2);
            now[0] = 2 * SECOND;
            p.epoch(2, 1); // 1 epoch in 2 s; 3 + 4 left
            assertEquals(14, eta(p.statusLine()));
            p.finished(result(trials.get(2), 0.9, 4), false);
            p.finished(result(trials.get(3), 0.9, 4), false);
            p.epoch(3, 2); // a heartbeat after the result changes nothing
            String line = p.statusLine();
            assertEquals(-1, eta(line), line);
            assertTrue(line.startsWith("4/4 done, 0 running"), line);
        }
    }

    @Test
    void logsPeriodicLinesWhenNotATerminal() throws InterruptedException {
        SweepConfig config = Fixtures.blobConfig(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress(config.trials(), new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 1)) {
            p.started(2);
            Thread.sleep(1500);
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(log.startsWith("progress: 0/4 done, 1 running"), log);
        assertTrue(!log.contains("\r"), "no carriage returns in logs");
    }

    @Test
    void clockFormatsMinutesAndHours() {
        assertEquals("0:07", Progress.clock(7.4));
        assertEquals("2:05", Progress.clock(125));
        assertEquals("1:00:01", Progress.clock(3601));
    }
}
