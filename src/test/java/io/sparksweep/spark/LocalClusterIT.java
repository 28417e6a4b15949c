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
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code conf/smoke.json} submitted through SparkSubmit to a real standalone cluster (Master and
 * two one-core Workers on 127.0.0.1, from {@code submit-scripts/local-cluster.sh}) whose Spark home
 * holds Spark's own jars only: the run writes its report and the table of local mode.
 */
@Tag("integration")
class LocalClusterIT {

    @Test
    void smokeSweepRunsInTwoExecutorProcessesOfAStandaloneCluster(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        assertEquals(0, Main.execute("run", "conf/smoke.json", "--master", "local[2]",
                "--out", reference.toString()));
        Path out = tmp.resolve("run");
        Path log = tmp.resolve("submit.out");
        int code;
        double seconds;
        try (LoopbackCluster cluster = LoopbackCluster.up(tmp.resolve("cluster"))) {
            long t0 = System.nanoTime();
            code = cluster.submit(List.of("conf/smoke.json", "--out", out.toString()), log);
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        assertEquals(0, code, () -> "spark-submit failed:\n" + read(log));

        SweepResults results = SameTable.read(out);
        System.out.printf(Locale.ROOT, "smoke sweep on the loopback cluster: %.1f s spark-submit, %.1f s sweep%n",
                seconds, results.wallSeconds());
        assertTrue(String.valueOf(results.environment().master()).startsWith("spark://127.0.0.1:"),
                "master " + results.environment().master());
        assertEquals(4, results.trials().size());
        for (TrialResult t : results.trials()) {
            assertEquals(TrialStatus.OK, t.status(), t.id() + ": " + t.error());
        }
        Set<String> processes = results.trials().stream().map(TrialResult::process).collect(Collectors.toSet());
        Set<String> executors = results.trials().stream().map(TrialResult::executor).collect(Collectors.toSet());
        assertEquals(2, processes.size(), "trials ran in " + processes);
        assertEquals(2, executors.size(), "trials ran on executors " + executors);
        assertFalse(executors.contains("driver"), "no trial ran in the driver: " + executors);
        TrialResult best = results.trials().stream()
                .filter(t -> t.id().equals(results.ranking().get(0))).findFirst().orElseThrow();
        assertTrue(best.validationAccuracy() > 0.8, "best validation accuracy " + best.validationAccuracy());
        assertTrue(results.test().accuracy() > 0.8, "test accuracy " + results.test().accuracy());
        assertTrue(Files.size(out.resolve("best-model.h5")) > 0);
        assertTrue(Files.size(out.resolve("report.html")) > 0, "report.html");
        SameTable.assertIdentical(reference, out);
        List<String> info = LoopbackCluster.infoLines(log);
        assertTrue(info.isEmpty(), () -> info.size() + " INFO lines on the console, e.g. " + info.get(0));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
