package io.sparksweep.results;

import io.sparksweep.nn.NativeBlas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvenanceTest {
    @TempDir
    Path dir;

    @Test
    void cpuModelIsTheFirstModelNameOfCpuinfo() throws IOException {
        Path f = dir.resolve("cpuinfo");
        Files.writeString(f, "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\n"
                + "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\n");
        assertEquals("Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz", Provenance.cpuModel(f));
    }

    @Test
    void cpuModelFallsBackToArchitectureAndCores() {
        assertEquals(System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores",
                Provenance.cpuModel(dir.resolve("missing")));
    }

    @Test
    void thisJvmsProvenanceIsMeasuredOnceWithItsBlasSetUp() {
        Provenance p = Provenance.ofThisJvm();
        assertSame(p, Provenance.ofThisJvm());
        assertEquals(NativeBlas.setup(), p.blas());
        assertTrue(p.jvm().startsWith(System.getProperty("java.version")), p.jvm());
        assertEquals("development build", p.sparksweepVersion(), "tests run from classes, not from the jar");
        assertTrue(!p.host().isBlank() && !p.cpu().isBlank());
    }
}
