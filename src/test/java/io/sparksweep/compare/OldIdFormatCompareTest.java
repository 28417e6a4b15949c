package io.sparksweep.compare;

import io.sparksweep.results.SweepResults;
import io.sparksweep.sweep.Fixtures;
import io.sparksweep.sweep.SequentialBackend;
import io.sparksweep.sweep.SweepJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run folder of an earlier version (8-hex trial ids) still compares with a current one: trials match by settings. */
class OldIdFormatCompareTest {
    @TempDir
    Path dir;

    @Test
    void runWith8HexIdsMatchesARunWith16HexIds() throws IOException {
        Fixtures.writeBlobFiles(dir);
        Path now = dir.resolve("now");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        SweepResults r = SweepJob.prepare(Fixtures.blobConfig(dir), SweepJob.Options.to(now, false), quiet)
                .run(new SequentialBackend(), quiet);
        String json = Files.readString(now.resolve("results.json"));
        for (var t : r.trials()) {
            assertEquals(16, t.id().length());
            json = json.replace(t.id(), t.id().substring(0, 8)); // as version 0.1.0 wrote it
        }
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Files.writeString(old.resolve("results.json"), json);
        Comparison c = Comparison.of(RunTable.load(old), RunTable.load(now), Metric.VAL_ACCURACY, 0);
        assertEquals(4, c.matched().size());
        assertTrue(c.onlyInA().isEmpty() && c.onlyInB().isEmpty());
        assertEquals(0, c.exceeding());
        assertTrue(c.matched().stream().allMatch(p -> p.b().label().startsWith(p.a().label())), "same trial on both sides");
    }
}
