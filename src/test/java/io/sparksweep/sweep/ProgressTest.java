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
