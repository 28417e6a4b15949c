package io.sparksweep;

/**
 * The user gave something SparkSweep cannot use: a config, a data file, a model file or a
 * command-line option. The message is the single line the user sees, and names the file,
 * field or option, the bad value and what was expected, for example
 * {@code conf/a.json: learningRate[2] = -0.1, must be a finite number > 0}.
 */
public class BadInputException extends SweepException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
