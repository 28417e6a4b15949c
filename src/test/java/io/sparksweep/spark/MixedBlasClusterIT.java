package io.sparksweep.spark;

import io.sparksweep.nn.NativeBlas;
import io.sparksweep.results.Provenance;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A loopback standalone cluster whose second worker runs another OpenBLAS kernel
 * ({@code OPENBLAS_CORETYPE=Sandybridge} in that worker's environment only, as on a node with an
 * older CPU): every trial records the kernel of its own executor, and the run is flagged as mixed
 * on the console, in results.json and in the report.
 */
@Tag("integration")
class MixedBlasClusterIT {
    private static final String OTHER_CORE = "Sandybridge";

    @Test
    void aWorkerOnAnotherOpenBlasKernelIsRecordedAndTheRunFlagged(@TempDir Path tmp) throws Exception {
        assumeTrue(NativeBlas.platform().endsWith("x86_64"), "OPENBLAS_CORETYPE=" + OTHER_CORE + " is an x86-64 kernel");
        assumeTrue(!OTHER_CORE.equals(NativeBlas.setup().core()), "this machine already runs " + OTHER_CORE);
        Path out = tmp.resolve("run");
        Path log = tmp.resolve("submit.out");
        int code;
        try (LoopbackCluster cluster = LoopbackCluster.up(tmp.resolve("cluster"),
                Map.of("LOCAL_CLUSTER_WORKER_ENV_2", "OPENBLAS_CORETYPE=" + OTHER_CORE))) {
            code = cluster.submit(List.of("conf/smoke.json", "--out", out.toString()), log);
        }
        String console = Files.readString(log);
        assertEquals(0, code, () -> "spark-submit failed:\n" + console);

        SweepResults results = SameTable.read(out);
        Set<String> processes = results.trials().stream().map(TrialResult::process).collect(Collectors.toSet());
        assumeTrue(processes.size() == 2, "the scheduler put every trial on one executor: " + processes);
        for (TrialResult t : results.trials()) {
            assertEquals(TrialStatus.OK, t.status(), t.id() + ": " + t.error());
            assertNotNull(t.provenance(), t.id() + " has no provenance");
        }
        Map<String, Set<String>> coresByProcess = results.trials().stream().collect(Collectors.groupingBy(
                TrialResult::process, Collectors.mapping(t -> String.valueOf(t.provenance().blas().core()), Collectors.toSet())));
        Set<String> cores = coresByProcess.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertTrue(cores.contains(OTHER_CORE) && cores.size() == 2, "cores by executor process: " + coresByProcess);
        coresByProcess.values().forEach(c -> assertEquals(1, c.size(), "one kernel per JVM: " + coresByProcess));
        Provenance any = results.trials().get(0).provenance();
        assertEquals(1, any.blas().threads(), "threads pinned in the executor");

        assertEquals(true, results.environment().mixedBlas());
        assertEquals(2, results.environment().blasSetups().size());
        assertTrue(console.lines().anyMatch(l -> l.startsWith("warning: trials ran on 2 different BLAS set-ups")
                && l.contains("core " + OTHER_CORE)), console);
        assertTrue(Files.readString(out.resolve("report.html")).contains("id=\"mixed-blas\""), "report warns");
    }
}
