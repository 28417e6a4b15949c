package io.sparksweep.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * One {@code sweep} command line run in this JVM, as the tests see it: the exit code, everything
 * written to stderr (picocli's error writer and {@code System.err}) and to stdout.
 */
public record CliRun(int exit, String err, String out) {

    /** The single stderr line, asserting there is exactly one and no stack trace. */
    public String line() {
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), err);
        assertFalse(err.contains("Exception"), err);
        return lines.get(0);
    }

    /** Runs {@code sweep ARGS} through {@link Main#commandLine()}, capturing its output. */
    public static CliRun of(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        int exit;
        try {
            CommandLine cmd = Main.commandLine();
            cmd.setErr(new PrintWriter(err, true));
            exit = cmd.execute(args);
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
        return new CliRun(exit, err + stderr.toString(StandardCharsets.UTF_8), stdout.toString(StandardCharsets.UTF_8));
    }
}
