package io.sparksweep.spark;

import io.sparksweep.cli.Main;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trial that kills its executor JVM on every attempt ({@code --inject-fault kill:ID}) on the
 * loopback standalone cluster: Spark loses an executor per attempt until spark.task.maxFailures
 * aborts that trial's job; the trial becomes a failed row with Spark's reason, the three others
 * finish with the results of local mode, the run folder is complete and the exit code is 1.
 */
@Tag("integration")
class TrialKillIT {

    @Test
    void aTrialThatKillsItsExecutorOnEveryAttemptFailsAloneAndTheSweepCompletes(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        assertEquals(0, Main.execute("run", "conf/smoke.json", "--master", "local[2]", "--out", reference.toString()));
        SweepResults expected = SameTable.read(reference);
        String victim = expected.trials().get(1).id();

        Path out = tmp.resolve("run");
        Path log = tmp.resolve("submit.out");
        int code;
        long t0 = System.nanoTime();
        try (LoopbackCluster cluster = LoopbackCluster.up(tmp.resolve("cluster"))) {
            code = cluster.submit(List.of("conf/smoke.json", "--out", out.toString(), "--inject-fault", "kill:" + victim), log);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(Main.EXIT_FAILURE, code, () -> "exit code; output:\n" + SparkSubmitIT.read(log));

        SweepResults results = SameTable.read(out);
        System.out.printf(Locale.ROOT, "executor-killing trial %s on the loopback cluster: %.1f s with cluster start%n",
                victim, seconds);
        assertEquals(expected.trials().size(), results.trials().size());
        for (int i = 0; i < results.trials().size(); i++) {
            TrialResult e = expected.trials().get(i);
            TrialResult a = results.trials().get(i);
            assertEquals(e.id(), a.id());
            if (a.id().equals(victim)) {
                assertEquals(TrialStatus.FAILED, a.status());
                assertTrue(a.error().startsWith("SparkException: Job aborted due to stage failure: Task 0 in stage"), a.error());
                assertTrue(a.error().contains("failed 4 times"), a.error());
                assertTrue(a.error().contains("ExecutorLostFailure"), a.error());
            } else {
                assertEquals(TrialStatus.OK, a.status(), a.id() + ": " + a.error());
                assertArrayEquals(e.curve().validationLoss(), a.curve().validationLoss(), a.id());
                assertArrayEquals(e.curve().trainAccuracy(), a.curve().trainAccuracy(), a.id());
            }
        }
        for (String file : new String[] {"results.json", "results.csv", "report.html", "best-model.h5"}) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        assertTrue(SparkSubmitIT.read(log).contains("failed"), "the console names the failed trial");
    }
}
