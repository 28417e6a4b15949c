package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parsing of --inject-fault and the refusal to kill the driver. */
class FaultPlanTest {

    @Test
    void parsesFirstAlwaysAndKillEntries() {
        FaultPlan plan = FaultPlan.parse(List.of("first:a", "always:b", "kill:c", "kill:d"));
        assertEquals(new FaultPlan(Set.of("a"), Set.of("b"), Set.of("c", "d")), plan);
    }

    @Test
    void rejectsUnknownModeNamingTheEntryAndTheForms() {
        for (String bad : List.of("halt:a", "kill:", "kill", "")) {
            BadInputException e = assertThrows(BadInputException.class, () -> FaultPlan.parse(List.of(bad)));
            assertEquals("--inject-fault " + bad + ": expected first:TRIAL_ID, always:TRIAL_ID or kill:TRIAL_ID", e.getMessage());
        }
    }

    @Test
    void refusesKillFaultsOnLocalMastersWhereTasksRunInTheDriver() {
        FaultPlan plan = FaultPlan.parse(List.of("kill:t1"));
        BadInputException e = assertThrows(BadInputException.class, () -> plan.checkMaster("local[2]"));
        assertEquals("--inject-fault kill:t1: master local[2] runs tasks in the driver JVM, which a kill would end;"
                + " expected a cluster master (spark://, yarn, k8s://, local-cluster[...])", e.getMessage());
        assertDoesNotThrow(() -> plan.checkMaster("spark://127.0.0.1:7077"));
        assertDoesNotThrow(() -> FaultPlan.parse(List.of("always:t1")).checkMaster("local[2]"));
    }

    @Test
    void killFaultOutsideAnExecutorThrowsInsteadOfHaltingTheJvm() {
        // No SparkEnv here (as in the driver): the fault must not halt this JVM.
        FaultPlan plan = FaultPlan.parse(List.of("kill:t1"));
        assertThrows(FaultPlan.InjectedFault.class, () -> plan.apply("t1", 0));
        assertDoesNotThrow(() -> plan.apply("t2", 0));
    }
}
