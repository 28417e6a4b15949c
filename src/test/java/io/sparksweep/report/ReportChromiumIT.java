package io.sparksweep.report;

import io.sparksweep.OutsideTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders a report in headless Chromium (Debian package {@code chromium}, installed by
 * {@code .ci/run}): a screenshot that is not blank, and a DOM with the ranking table and every
 * chart image loaded. Skipped only when no Chromium is installed.
 */
@Tag("integration")
class ReportChromiumIT {
    @TempDir
    static Path dir;
    static Path chromium;
    static int charts;

    @BeforeAll
    static void setUp() throws IOException {
        chromium = findChromium();
        OutsideTool.require(chromium != null, "chromium is not installed");
        ReportWriter.write(dir, ReportWriterTest.fixture());
        try (var files = Files.list(dir.resolve("charts"))) {
            charts = (int) files.filter(p -> p.toString().endsWith(".png")).count();
        }
        assertEquals(8, charts);
    }

    @Test
    void screenshotOfTheReportIsNotBlank() throws Exception {
        Path shot = dir.resolve("shot.png");
        run("--screenshot=" + shot, "--window-size=1400,2000", dir.resolve("report.html").toUri().toString());
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "no screenshot written");
        assertEquals(1400, img.getWidth());
        assertEquals(2000, img.getHeight());
        long coloured = 0;
        long total = 0;
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                total++;
                if (rgb != 0xffffff) {
                    coloured++;
                }
            }
        }
        // text, table borders, the highlighted best row and charts: far more than a blank page
        assertTrue(coloured > total / 20, coloured + " of " + total + " sampled pixels are not white");
    }

    @Test
    void domHasTheRankingTableAndEveryChartImageLoaded() throws Exception {
        // A copy of the report with a script that records, once the page has loaded, how many
        // images decoded; the report itself has no script.
        String html = Files.readString(dir.resolve("report.html"));
        String probe = "<script>window.addEventListener('load', () => document.body.setAttribute('data-loaded',"
                + " Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length));</script>\n</body>";
        Path check = dir.resolve("report-check.html");
        Files.writeString(check, html.replace("</body>", probe));
        String dom = run("--dump-dom", check.toUri().toString());

        assertTrue(dom.contains("<table id=\"ranking-table\">"), "ranking table missing from the DOM");
        for (String id : List.of("t1", "t2", "div", "fail")) {
            assertTrue(dom.contains("<tr id=\"row-" + id + "\""), "row of trial " + id);
        }
        Matcher imgs = Pattern.compile("<img class=\"chart\" src=\"charts/[^\"]+\\.png\"").matcher(dom);
        int count = 0;
        while (imgs.find()) {
            count++;
        }
        assertEquals(charts, count, "img elements in the DOM");
        Matcher loaded = Pattern.compile("data-loaded=\"(\\d+)\"").matcher(dom);
        assertTrue(loaded.find(), "load probe did not run");
        assertEquals(charts, Integer.parseInt(loaded.group(1)), "images decoded by Chromium");
    }

    private static String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium exit code for " + cmd);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Path findChromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}
