package io.sparksweep.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a trial ended. Ranking puts OK trials first, then STOPPED (by the rung they reached), then
 * DIVERGED, then FAILED.
 */
public enum TrialStatus {
    /** Trained every epoch with finite losses. */
    OK,
    /**
     * Stopped early by the scheduler (successive halving, Hyperband) after a rung below the top:
     * its curve ends at that rung's epoch. A trial-rung record on disk also holds this status
     * until the trial is promoted and runs its next rung.
     */
    STOPPED,
    /** A loss became NaN or infinite; training stopped at that epoch. */
    DIVERGED,
    /** Threw an error on its last allowed attempt; the message is kept. */
    FAILED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
