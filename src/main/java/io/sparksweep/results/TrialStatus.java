package io.sparksweep.results;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a trial ended. Ranking puts OK trials first, then DIVERGED, then FAILED. */
public enum TrialStatus {
    /** Trained every epoch with finite losses. */
    OK,
    /** A loss became NaN or infinite; training stopped at that epoch. */
    DIVERGED,
    /** Threw an error on its last allowed attempt; the message is kept. */
    FAILED;

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
