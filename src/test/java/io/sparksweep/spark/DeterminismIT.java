package io.sparksweep.spark;

import io.sparksweep.cli.Main;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The determinism contract across masters: {@code conf/smoke.json} gives the same ranked table,
 * bit for bit, and the same best-model.h5 bytes on {@code local[1]} (trials one after another in
 * the driver), {@code local[2]} (two at a time, in either order) and a standalone cluster with two
 * executor JVMs (trials serialized to other processes, data broadcast over the network).
 */
@Tag("integration")
class DeterminismIT {

    @Test
    void smokeTableIsBitIdenticalOnLocal1Local2AndStandaloneCluster(@TempDir Path tmp) throws Exception {
        Path local1 = tmp.resolve("local1");
        Path local2 = tmp.resolve("local2");
        Path cluster = tmp.resolve("cluster-run");
        assertEquals(0, Main.execute("run", "conf/smoke.json", "--master", "local[1]", "--out", local1.toString()));
        assertEquals(0, Main.execute("run", "conf/smoke.json", "--master", "local[2]", "--out", local2.toString()));
        Path log = tmp.resolve("submit.out");
        int code;
        try (LoopbackCluster c = LoopbackCluster.up(tmp.resolve("cluster"))) {
            code = c.submit(List.of("conf/smoke.json", "--out", cluster.toString()), log);
        }
        assertEquals(0, code, () -> "spark-submit failed:\n" + readQuietly(log));

        SweepResults onCluster = SameTable.read(cluster);
        Set<String> processes = onCluster.trials().stream().map(TrialResult::process).collect(Collectors.toSet());
        assertEquals(2, processes.size(), "the cluster run used two executor JVMs: " + processes);
        assertTrue(SameTable.read(local1).trials().stream().allMatch(t -> t.executor().equals("driver")));

        SameTable.assertIdentical(local1, local2);
        SameTable.assertIdentical(local1, cluster);
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
