package io.sparksweep.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.sparksweep.results.ResultsFixtures.ok;
import static io.sparksweep.results.ResultsFixtures.provenance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlasSetupsTest {

    @Test
    void trialsOnOneSetUpAcrossHostsAreNotMixed() {
        BlasSetups s = BlasSetups.of(List.of(
                ok("a", 0, "relu", 0.1, 0.9).withProvenance(provenance("Zen", "node1")),
                ok("b", 1, "relu", 0.2, 0.9).withProvenance(provenance("Zen", "node2"))));
        assertFalse(s.mixed());
        assertNull(s.warning());
        assertEquals(1, s.groups().size());
        assertEquals(2, s.groups().get(0).trials());
        assertEquals(List.of("node1", "node2"), s.groups().get(0).hosts());
        RunEnvironment env = RunEnvironment.of("local[2]", "Spark 4.2.0", s.groups().get(0).blas(), s);
        assertEquals(false, env.mixedBlas());
        assertNull(env.trialsWithoutProvenance(), "left out of the JSON when every trial has provenance");
    }

    @Test
    void aTrialOnAnotherKernelMakesTheSweepMixedAndTheWarningNamesBoth() {
        BlasSetups s = BlasSetups.of(List.of(
                ok("a", 0, "relu", 0.1, 0.9).withProvenance(provenance("Zen", "node1")),
                ok("b", 1, "relu", 0.2, 0.9).withProvenance(provenance("Haswell", "node2")),
                ok("c", 2, "tanh", 0.1, 0.9).withProvenance(provenance("Zen", "node1"))));
        assertTrue(s.mixed());
        assertEquals(List.of(2, 1), s.groups().stream().map(BlasSetups.Group::trials).toList());
        assertEquals("trials ran on 2 different BLAS set-ups, so their results are not bit-for-bit reproducible "
                + "(see docs/blas.md to make every node compute alike): "
                + "2 trials on bundled OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64, core Zen, 1 thread (JNIBLAS) (host node1); "
                + "1 trial on bundled OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64, core Haswell, 1 thread (JNIBLAS) (host node2)",
                s.warning());
        RunEnvironment env = RunEnvironment.of("local[2]", "Spark 4.2.0", s.groups().get(0).blas(), s);
        assertEquals(true, env.mixedBlas());
        assertEquals(2, env.blasSetups().size());
        assertEquals("Haswell", env.blasSetups().get(1).blas().core());
        Map<?, ?> json = ResultsIO.json().convertValue(env, Map.class);
        assertEquals("Haswell", ((Map<?, ?>) ((Map<?, ?>) ((List<?>) json.get("blasSetups")).get(1)).get("blas")).get("core"));
        assertEquals(true, json.get("mixedBlas"));
        assertFalse(json.containsKey("trialsWithoutProvenance"));
    }

    @Test
    void trialsWithoutProvenanceAreCountedNotTakenForAnotherSetUp() {
        BlasSetups s = BlasSetups.of(List.of(
                ok("a", 0, "relu", 0.1, 0.9),
                ok("b", 1, "relu", 0.2, 0.9).withProvenance(provenance("Zen", "node1"))));
        assertFalse(s.mixed());
        assertEquals(1, s.withoutProvenance());
        assertEquals(1, RunEnvironment.of("local[2]", "Spark 4.2.0", s.groups().get(0).blas(), s).trialsWithoutProvenance());
    }
}
