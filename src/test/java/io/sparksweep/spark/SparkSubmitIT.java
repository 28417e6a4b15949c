package io.sparksweep.spark;

import io.sparksweep.cli.Main;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code conf/smoke.json} through spark-submit's own entry point (org.apache.spark.deploy.SparkSubmit,
 * classpath = the Spark home's jars only) with {@code --master local[2]}, given only what a user
 * gives: the run writes its report and the table of local mode, and the console holds no INFO
 * lines of Spark's.
 */
@Tag("integration")
class SparkSubmitIT {

    @Test
    void smokeSweepThroughSparkSubmitOnSparksOwnJarsWritesTheReportAndTheLocalModeTable(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        assertEquals(0, Main.execute("run", "conf/smoke.json", "--master", "local[2]", "--out", reference.toString()));

        Path out = tmp.resolve("run");
        Path log = tmp.resolve("submit.out");
        long t0 = System.nanoTime();
        int code = LoopbackCluster.submitLocal(tmp.resolve("state"), List.of("conf/smoke.json", "--out", out.toString()), log);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, code, () -> "spark-submit failed:\n" + read(log));

        SweepResults results = SameTable.read(out);
        System.out.printf(Locale.ROOT, "smoke sweep through spark-submit local[2]: %.1f s spark-submit, %.1f s sweep%n",
                seconds, results.wallSeconds());
        assertEquals("local[2]", results.environment().master());
        for (TrialResult t : results.trials()) {
            assertEquals(TrialStatus.OK, t.status(), t.id() + ": " + t.error());
        }
        assertTrue(Files.size(out.resolve("report.html")) > 0, "report.html");
        SameTable.assertIdentical(reference, out);
        List<String> info = LoopbackCluster.infoLines(log);
        assertTrue(info.isEmpty(), () -> info.size() + " INFO lines on the console, e.g. " + info.get(0));
        assertTrue(read(log).contains("Best trial: "), "the sweep's own summary is on the console");
    }

    static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
