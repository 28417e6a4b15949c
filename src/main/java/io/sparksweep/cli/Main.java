package io.sparksweep.cli;

import io.sparksweep.BadInputException;
import io.sparksweep.StoppedException;
import io.sparksweep.SweepException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Entry point of {@code sweep}. Turns exceptions into exit codes: 0 success, 1 a sweep that
 * ran but is incomplete or an internal error, 2 bad input (one line on stderr, no stack trace).
 */
public final class Main {
    /** Exit code for bad input: config, data, model, option. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for an error that is not the user's input, or a sweep with failed trials. */
    public static final int EXIT_FAILURE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = execute(args);
        } catch (Throwable t) { // an Error escaping picocli's handler: still one line, no trace
            if (!StoppedException.shuttingDown()) {
                System.err.println("sweep: internal error: " + t);
            } else if (StoppedException.firstAnnouncement()) {
                System.err.println("sweep: " + StoppedException.MESSAGE);
            }
            code = EXIT_FAILURE;
        }
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cmd = commandLine();
        return cmd.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new SweepCommand());
        // Every path option and parameter: an empty one would silently mean the current folder.
        cmd.registerConverter(Path.class, text -> {
            if (text.isBlank()) {
                throw new CommandLine.TypeConversionException("'" + text + "' is empty, expected a path");
            }
            return Path.of(text);
        });
        cmd.setExecutionExceptionHandler(Main::handle);
        cmd.setParameterExceptionHandler((ex, args) -> {
            // One line, as for every other bad input: the problem, a suggestion, where the usage is.
            PrintWriter err = ex.getCommandLine().getErr();
            String suggestion = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                suggestion = " (did you mean " + u.getSuggestions().get(0) + "?)";
            } else if (ex instanceof CommandLine.UnmatchedArgumentException
                    && !ex.getCommandLine().getSubcommands().isEmpty()) {
                suggestion = ", expected a command: " + String.join(", ", ex.getCommandLine().getSubcommands().keySet());
            }
            err.println("sweep: " + ex.getMessage() + suggestion + "; see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            return EXIT_BAD_INPUT;
        });
        return cmd;
    }

    private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable cause = rootSweepCause(ex);
        if (cause instanceof StoppedException || StoppedException.shuttingDown()) {
            // A signal (Ctrl-C, SIGTERM, a cluster manager) stopped the JVM; Spark's shutdown hook then
            // makes the running jobs fail in odd ways. Not an internal error: say what is kept.
            if (StoppedException.firstAnnouncement()) {
                err.println("sweep: " + StoppedException.MESSAGE);
            }
            return EXIT_FAILURE;
        }
        if (cause instanceof BadInputException) {
            err.println("sweep: " + cause.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (cause instanceof SweepException) {
            err.println("sweep: " + cause.getMessage());
            return EXIT_FAILURE;
        }
        err.println("sweep: internal error: " + ex);
        if (System.getenv("SPARKSWEEP_DEBUG") != null) {
            ex.printStackTrace(err);
        } else {
            err.println("(set SPARKSWEEP_DEBUG=1 for the stack trace)");
        }
        return EXIT_FAILURE;
    }

    /** The first SweepException in the cause chain (Spark wraps task errors), or {@code ex}. */
    private static Throwable rootSweepCause(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SweepException) {
                return t;
            }
        }
        return ex;
    }
}
