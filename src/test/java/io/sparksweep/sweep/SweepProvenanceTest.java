package io.sparksweep.sweep;

import io.sparksweep.config.SweepConfig;
import io.sparksweep.config.Trial;
import io.sparksweep.nn.BlasSetup;
import io.sparksweep.nn.NativeBlas;
import io.sparksweep.results.BlasSetups;
import io.sparksweep.results.Provenance;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every trial carries its JVM's provenance; a sweep whose trials ran on different BLAS set-ups says so. */
class SweepProvenanceTest {
    @TempDir
    Path dir;

    /** Runs trials in this thread, but reports odd-indexed ones as if an executor with another OpenBLAS kernel ran them. */
    private static final class OtherKernelOnOddTrials implements TrialBackend {
        @Override
        public void run(List<Trial> trials, TrialInputs data, TrialEvents events) {
            new SequentialBackend().run(trials, data, outcome -> {
                TrialResult r = outcome.result();
                if (r.index() % 2 == 1) {
                    Provenance p = r.provenance();
                    BlasSetup b = p.blas();
                    r = r.withProvenance(new Provenance(new BlasSetup(b.source(), b.implementation(), b.library(),
                            b.version(), "Sandybridge-on-node2", b.threads()), p.cpu(), "node2", p.os(), p.jvm(),
                            p.sparksweepVersion()));
                }
                events.finished(new TrialOutcome(r, outcome.network()));
            });
        }

        @Override
        public String master() {
            return "two-kernels";
        }

        @Override
        public String engineVersion() {
            return "none";
        }
    }

    private SweepConfig config() {
        Fixtures.writeBlobFiles(dir);
        return Fixtures.blobConfig(dir);
    }

    @Test
    void everyTrialRecordCarriesTheProvenanceOfTheJvmThatTrainedIt() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        SweepResults r = SweepJob.prepare(config(), SweepJob.Options.to(dir.resolve("run"), false), out)
                .run(new SequentialBackend(), out);
        Provenance here = Provenance.ofThisJvm();
        assertEquals(NativeBlas.setup(), here.blas());
        for (TrialResult t : ResultsIO.readTrials(dir.resolve("run"))) {
            assertEquals(here, t.provenance(), t.id());
        }
        SweepResults back = ResultsIO.readResults(dir.resolve("run/results.json"));
        back.trials().forEach(t -> assertEquals(here, t.provenance()));
        assertEquals(false, r.environment().mixedBlas());
        assertEquals(NativeBlas.describe(), r.environment().blasSetup());
        List<BlasSetups.Group> setups = back.environment().blasSetups();
        assertEquals(1, setups.size());
        assertEquals(4, setups.get(0).trials());
        assertEquals(here.blas(), setups.get(0).blas());
        assertFalse(console.toString(StandardCharsets.UTF_8).contains("different BLAS set-ups"));
    }

    @Test
    void trialsOnTwoBlasSetUpsAreFlaggedOnTheConsoleInResultsJsonAndInTheReport() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(console, true, StandardCharsets.UTF_8);
        SweepJob.prepare(config(), SweepJob.Options.to(dir.resolve("mixed"), false), printer)
                .run(new OtherKernelOnOddTrials(), printer);
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("warning: trials ran on 2 different BLAS set-ups")
                && l.contains("core Sandybridge-on-node2") && l.contains("2 trials on") && l.contains("(host node2)")), out);
        SweepResults back = ResultsIO.readResults(dir.resolve("mixed/results.json"));
        assertEquals(true, back.environment().mixedBlas());
        assertEquals(2, back.environment().blasSetups().size());
        String report = Files.readString(dir.resolve("mixed/report.html"));
        assertTrue(report.contains("id=\"mixed-blas\""), "report warns");
    }
}
