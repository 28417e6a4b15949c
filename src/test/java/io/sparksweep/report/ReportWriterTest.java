package io.sparksweep.report;

import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sparksweep.results.ResultsFixtures.ok;
import static io.sparksweep.results.ResultsFixtures.provenance;
import static io.sparksweep.results.ResultsFixtures.results;
import static io.sparksweep.results.ResultsFixtures.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    @TempDir
    static Path dir;
    static String html;

    /** Two OK trials, one that diverged after two epochs, one that failed before its first epoch. */
    static SweepResults fixture() {
        TrialResult diverged = trial("div", 2, "tanh", 1e-2, TrialStatus.DIVERGED,
                new double[]{0.3, Double.NaN}, new double[]{2.5, Double.NaN});
        TrialResult failed = trial("fail", 3, "tanh", 1e-4, TrialStatus.FAILED, new double[0], new double[0]);
        return results("fixture", List.of(ok("t2", 1, "tanh", 1e-3, 0.90), ok("t1", 0, "relu", 1e-3, 0.95), diverged, failed));
    }

    @BeforeAll
    static void write() throws IOException {
        Path report = ReportWriter.write(dir, fixture());
        assertEquals(dir.resolve("report.html"), report);
        html = Files.readString(report);
    }

    @Test
    void aSweepOnOneBlasSetUpShowsItInTheFactsWithoutWarning(@TempDir Path one) throws IOException {
        String page = Files.readString(ReportWriter.write(one, results("one", List.of(
                ok("t1", 0, "relu", 1e-3, 0.95).withProvenance(provenance("Zen", "node1")),
                ok("t2", 1, "tanh", 1e-3, 0.90).withProvenance(provenance("Zen", "node2"))))));
        assertFalse(page.contains("id=\"mixed-blas\""));
        assertTrue(page.contains("<tr><th>BLAS set-up of the trials</th><td>bundled OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Zen "
                + "MAX_THREADS=64, core Zen, 1 thread (JNIBLAS); 2 trials on node1, node2 (AMD EPYC)</td></tr>"), page);
    }

    @Test
    void aSweepOnTwoBlasSetUpsIsFlaggedInTheRunFacts(@TempDir Path mixed) throws IOException {
        String page = Files.readString(ReportWriter.write(mixed, results("mixed", List.of(
                ok("t1", 0, "relu", 1e-3, 0.95).withProvenance(provenance("Zen", "node1")),
                ok("t2", 1, "tanh", 1e-3, 0.90).withProvenance(provenance("Haswell", "node2"))))));
        int facts = page.indexOf("<h2 id=\"facts\">");
        int warning = page.indexOf("<p id=\"mixed-blas\" class=\"warning\">Warning: trials ran on 2 different BLAS set-ups");
        assertTrue(facts > 0 && warning > facts, "warning in the run facts");
        assertTrue(page.contains("<tr><th>BLAS set-up 2 of the trials</th>"), "one row per set-up");
        assertTrue(page.contains("core Haswell, 1 thread (JNIBLAS); 1 trial on node2"));
    }

    @Test
    void largeSweepsChartOnlyTheBestTrialsButListEveryOne(@TempDir Path big) throws IOException {
        List<TrialResult> trials = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            trials.add(ok(String.format("t%02d", i), i, i % 2 == 0 ? "relu" : "tanh", 1e-3 * (i + 1), 0.5 + i / 100.0));
        }
        String page = Files.readString(ReportWriter.write(big, results("big", trials)));
        assertEquals(30, count(page, "<tr id=\"row-"));
        assertEquals(ReportWriter.MAX_CHARTED_TRIALS, count(page, "<section class=\"trial\" id=\"trial-"));
        assertTrue(page.contains("Validation accuracy of the top 25 trials"), "overlay heading says it is cut");
        assertTrue(page.contains("The 25 best of 30 trials"), "the cut is explained");
        assertEquals(25, count(page, "<td><a href=\"#trial-"), "only charted trials are linked");
        assertTrue(page.contains("<section class=\"trial\" id=\"trial-t29\"") && !page.contains("<section class=\"trial\" id=\"trial-t00\""), "the best are charted");
    }

    @Test
    void tableHasOneRowPerTrialInRankOrderWithTheBestHighlighted() {
        int t1 = html.indexOf("<tr id=\"row-t1\" class=\"ok best\">");
        int t2 = html.indexOf("<tr id=\"row-t2\" class=\"ok\">");
        int div = html.indexOf("<tr id=\"row-div\" class=\"diverged\">");
        int fail = html.indexOf("<tr id=\"row-fail\" class=\"failed\">");
        assertTrue(t1 > 0 && t2 > t1 && div > t2 && fail > div, "rows in rank order: " + t1 + " " + t2 + " " + div + " " + fail);
        String row = html.substring(t1, html.indexOf("</tr>", t1));
        assertTrue(row.contains("<td>ok</td><td>94.00%</td><td>95.00%</td><td>0.4500</td><td>0.4000</td><td>3</td>"
                + "<td>1.5 s</td><td>1.3 s</td><td>driver</td>"), row);
        assertEquals(1, count(html, "class=\"ok best\""));
    }

    @Test
    void everyChartHasAnImgTagAndAPngOfTheDeclaredSize() throws IOException {
        List<String> expected = List.of("overlay-val-accuracy.png", "confusion.png", "trial-t1-accuracy.png",
                "trial-t1-loss.png", "trial-t2-accuracy.png", "trial-t2-loss.png", "trial-div-accuracy.png", "trial-div-loss.png");
        Matcher m = Pattern.compile("<img class=\"chart\" src=\"charts/([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            images++;
            Path png = dir.resolve("charts").resolve(m.group(1));
            assertTrue(Files.size(png) > 5_000, png + " is " + Files.size(png) + " bytes");
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png + " is not a readable PNG");
            assertEquals(Integer.parseInt(m.group(2)), img.getWidth(), png.toString());
            assertEquals(Integer.parseInt(m.group(3)), img.getHeight(), png.toString());
            assertTrue(expected.contains(m.group(1)), "unexpected chart " + m.group(1));
        }
        assertEquals(expected.size(), images);
        for (String f : expected) {
            assertTrue(Files.isRegularFile(dir.resolve("charts").resolve(f)), f);
        }
    }

    @Test
    void chartSizesAreTheDocumentedOnes() throws IOException {
        BufferedImage overlay = ImageIO.read(dir.resolve("charts/overlay-val-accuracy.png").toFile());
        assertEquals(1000, overlay.getWidth());
        assertEquals(560, overlay.getHeight());
        BufferedImage trial = ImageIO.read(dir.resolve("charts/trial-t1-accuracy.png").toFile());
        assertEquals(560, trial.getWidth());
        assertEquals(360, trial.getHeight());
    }

    @Test
    void aFailedTrialWithoutEpochsGetsAMessageInsteadOfCharts() {
        assertFalse(Files.exists(dir.resolve("charts/trial-fail-accuracy.png")));
        int section = html.indexOf("<section class=\"trial\" id=\"trial-fail\">");
        assertTrue(section > 0);
        String part = html.substring(section, html.indexOf("</section>", section));
        assertTrue(part.contains("No finite metric recorded: nothing to plot."), part);
        assertTrue(part.contains("failed after 0 epoch(s): IllegalStateException: &lt;boom&gt; &amp; &quot;x&quot;"), part);
    }

    @Test
    void escapesTextFromResults() {
        assertFalse(html.contains("<boom>"));
        assertTrue(html.contains("<td>IllegalStateException: &lt;boom&gt; &amp; &quot;x&quot;</td>"));
    }

    @Test
    void perClassAccuracyAndRunFactsAreShown() {
        // class 3: 93 correct of 93 + 7 rows
        assertTrue(html.contains("<tr><td>3</td><td>100</td><td>93</td><td>93.00%</td></tr>"), "per-class row");
        assertTrue(html.contains("<tr><th>environment.master</th><td>local[2]</td></tr>"));
        assertTrue(html.contains("<tr><th>environment.blas</th><td>dev.ludovic.netlib.blas.JavaBLAS</td></tr>"));
        assertTrue(html.contains("<tr><th>data.train.sha256</th><td>ab12</td></tr>"));
        assertTrue(html.contains("<tr><th>wall time</th><td>12.5 s</td></tr>"));
    }

    @Test
    void pageLoadsNothingFromTheNetwork() {
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"));
    }

    @Test
    void aRunWithoutATestReportHasNoConfusionMatrix(@TempDir Path other) throws IOException {
        TrialResult diverged = trial("d", 0, "relu", 1.0, TrialStatus.DIVERGED, new double[]{Double.NaN}, new double[]{Double.NaN});
        ReportWriter.write(other, results("bad", List.of(diverged)));
        String page = Files.readString(other.resolve("report.html"));
        assertTrue(page.contains("No test report"));
        assertTrue(page.contains("No trial finished an epoch."));
        assertFalse(Files.exists(other.resolve("charts/confusion.png")));
        assertEquals(0, count(page, "<img"));
    }

    @Test
    void escapeReplacesEveryHtmlSpecialCharacter() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;", Html.escape("<a href=\"x\">O'Neil & co</a>"));
        assertEquals("", Html.escape(null));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
