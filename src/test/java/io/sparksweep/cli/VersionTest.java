package io.sparksweep.cli;

import io.sparksweep.results.Provenance;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code sweep --version} prints the version the build wrote, the one results record, not a literal. */
class VersionTest {
    @Test
    void versionIsTheOneResultsRecord() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exit(), run.err());
        assertEquals("SparkSweep " + Provenance.sparksweepVersionOfThisJvm(), run.out().strip());
    }
}
