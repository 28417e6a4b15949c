package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The level Spark's own log lines get. */
class SparkContextsTest {

    @Test
    void sparkLogsAtWarnUnlessTheUserConfiguredLogging() {
        assertEquals("WARN", SparkContexts.logLevel(null, false));
        assertNull(SparkContexts.logLevel(null, true), "a configuration of the user's own is left alone");
    }

    @Test
    void anExplicitLevelWinsEvenOverTheUsersConfiguration() {
        assertEquals("INFO", SparkContexts.logLevel("info", false));
        assertEquals("DEBUG", SparkContexts.logLevel(" DEBUG ", true));
    }

    @Test
    void sparkIsSilencedAtShutdownOnlyWhenItLogsWarningsOrFewer() {
        Level before = LogManager.getRootLogger().getLevel();
        try {
            for (Level quiet : List.of(Level.WARN, Level.ERROR, Level.OFF)) {
                Configurator.setRootLevel(quiet);
                assertTrue(SparkContexts.quietRoot(), quiet.name());
            }
            for (Level verbose : List.of(Level.INFO, Level.DEBUG)) {
                Configurator.setRootLevel(verbose);
                assertFalse(SparkContexts.quietRoot(), verbose.name());
            }
        } finally {
            Configurator.setRootLevel(before);
        }
    }

    @Test
    void rejectsALevelLog4jDoesNotKnow() {
        BadInputException e = assertThrows(BadInputException.class, () -> SparkContexts.logLevel("LOUD", false));
        assertEquals("spark.sparksweep.sparkLogLevel (or SPARKSWEEP_SPARK_LOG_LEVEL) = LOUD is not a log level,"
                + " expected one of OFF, ERROR, WARN, INFO, DEBUG, TRACE, ALL", e.getMessage());
    }

    @Test
    void abortReasonKeepsSparksFirstLineWithoutTheDriverStackTrace() {
        Exception e = new Exception("Job aborted due to stage failure: Task 0 in stage 3.0 failed 4 times, most recent"
                + " failure: Lost task 0.3 in stage 3.0 (TID 9) (127.0.0.1 executor 4): ExecutorLostFailure (executor 4"
                + " exited caused by one of the running tasks) Reason: Command exited with code 137\nDriver stacktrace:\n\tat x.y(Z)");
        assertEquals("Job aborted due to stage failure: Task 0 in stage 3.0 failed 4 times, most recent failure: Lost task"
                + " 0.3 in stage 3.0 (TID 9) (127.0.0.1 executor 4): ExecutorLostFailure (executor 4 exited caused by one"
                + " of the running tasks) Reason: Command exited with code 137", SparkBackend.abortReason(e));
    }
}
