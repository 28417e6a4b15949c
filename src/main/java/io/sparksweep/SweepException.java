package io.sparksweep;

/**
 * Root of every exception SparkSweep throws on purpose. The command line turns a
 * {@link BadInputException} into one line on stderr and exit code 2, and any other
 * {@code SweepException} into one line and exit code 1.
 */
public class SweepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SweepException(String message) {
        super(message);
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
