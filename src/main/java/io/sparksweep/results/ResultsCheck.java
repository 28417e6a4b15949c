package io.sparksweep.results;

import io.sparksweep.BadInputException;
import io.sparksweep.nn.BlasSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a {@code results.json} or a trial record, as read, for every field that reading code
 * relies on ({@code compare}, {@code report}, {@code --resume}): present, not null, and
 * consistent (one curve value per epoch, a square confusion matrix, rungs with their bracket).
 * The first problem is thrown as one line, {@code FILE: FIELD is missing or null, expected ...}.
 * Fields that records written by earlier versions lack ({@code provenance}, the rungs) stay optional.
 */
final class ResultsCheck {
    private static final String STATUSES = Arrays.stream(TrialStatus.values()).map(TrialStatus::id)
            .collect(Collectors.joining(", "));

    private ResultsCheck() {
    }

    /** {@code r}, read from {@code file}, when every field it needs is there. */
    static SweepResults results(Path file, SweepResults r) {
        if (r == null) {
            throw new BadInputException(file + ": not a valid results file: expected a JSON object, found null");
        }
        List<TrialResult> trials = r.trials();
        require(file, "trials", trials, "an array of trial objects");
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < trials.size(); i++) {
            String at = "trials[" + i + "]";
            TrialResult t = trials.get(i);
            if (t == null) {
                throw new BadInputException(file + ": " + at + " is null, expected a trial object");
            }
            trial(file, at + ".", t);
            Integer previous = ids.putIfAbsent(t.id(), i);
            if (previous != null) {
                throw new BadInputException(file + ": " + at + ".id = \"" + t.id() + "\", the same as trials[" + previous
                        + "].id, expected every trial to have its own id");
            }
        }
        if (r.test() != null) {
            test(file, r.test());
        }
        if (r.stopping() != null) {
            stopping(file, r.stopping());
        }
        return r;
    }

    /** {@code t}, the trial record in {@code file}, when every field it needs is there. */
    static TrialResult trial(Path file, TrialResult t) {
        if (t == null) {
            throw new BadInputException(file + ": not a valid trial record: expected a JSON object, found null");
        }
        trial(file, "", t);
        return t;
    }

    /** Checks one trial; {@code at} prefixes its field names ({@code trials[3].}, or "" in a trial record). */
    private static void trial(Path file, String at, TrialResult t) {
        require(file, at + "id", t.id(), "the trial's id, a string");
        if (t.id().isBlank()) {
            throw new BadInputException(file + ": " + at + "id = \"" + t.id() + "\", expected the trial's id, a non-empty string");
        }
        require(file, at + "varied", t.varied(), "an object of the trial's grid values");
        require(file, at + "settings", t.settings(), "an object of the trial's training settings");
        require(file, at + "status", t.status(), "one of " + STATUSES);
        Curve c = t.curve();
        require(file, at + "curve", c, "an object of per-epoch metrics: learningRate, trainLoss, trainAccuracy, "
                + "validationLoss, validationAccuracy");
        String epochValues = "an array of one number per epoch";
        require(file, at + "curve.trainLoss", c.trainLoss(), epochValues);
        int epochs = c.trainLoss().length;
        curve(file, at + "curve.learningRate", c.learningRate(), epochs);
        curve(file, at + "curve.trainAccuracy", c.trainAccuracy(), epochs);
        curve(file, at + "curve.validationLoss", c.validationLoss(), epochs);
        curve(file, at + "curve.validationAccuracy", c.validationAccuracy(), epochs);
        if (t.rung() != null) {
            require(file, at + "bracket", t.bracket(), "the s of the trial's bracket, since " + at + "rung is set");
            require(file, at + "topRung", t.topRung(), "the index of the bracket's top rung, since " + at + "rung is set");
        }
        Provenance p = t.provenance();
        if (p != null && p.blas() != null) {
            require(file, at + "provenance.blas.source", p.blas().source(), "one of "
                    + Arrays.stream(BlasSource.values()).map(BlasSource::id).collect(Collectors.joining(", ")));
        }
    }

    private static void curve(Path file, String field, double[] values, int epochs) {
        require(file, field, values, "an array of one number per epoch");
        if (values.length != epochs) {
            throw new BadInputException(file + ": " + field + " has " + values.length + (values.length == 1 ? " value" : " values")
                    + ", expected " + epochs + ", one per epoch as in curve.trainLoss");
        }
    }

    private static void test(Path file, TestReport test) {
        String matrix = "the confusion matrix, one array of counts per true class";
        require(file, "test.confusion", test.confusion(), matrix);
        int classes = test.confusion().length;
        for (int c = 0; c < classes; c++) {
            int[] row = test.confusion()[c];
            String field = "test.confusion[" + c + "]";
            require(file, field, row, matrix);
            if (row.length != classes) {
                throw new BadInputException(file + ": " + field + " has " + row.length + (row.length == 1 ? " count" : " counts") + ", expected " + classes
                        + ", one per class as there are rows");
            }
        }
    }

    private static void stopping(Path file, StoppingRun stopping) {
        require(file, "stopping.brackets", stopping.brackets(), "an array of the brackets as run");
        for (int b = 0; b < stopping.brackets().size(); b++) {
            String at = "stopping.brackets[" + b + "]";
            StoppingRun.BracketRun bracket = stopping.brackets().get(b);
            require(file, at, bracket, "an object with s, quota, trials and rungEpochs");
            List<Integer> epochs = bracket.rungEpochs();
            require(file, at + ".rungEpochs", epochs, "an array of the epochs each rung trains to");
            for (int i = 0; i < epochs.size(); i++) {
                Integer e = epochs.get(i);
                if (e == null || e < 1) {
                    throw new BadInputException(file + ": " + at + ".rungEpochs[" + i + "] = " + e + ", expected an integer >= 1");
                }
            }
        }
    }

    private static void require(Path file, String field, Object value, String expected) {
        if (value == null) {
            throw new BadInputException(file + ": " + field + " is missing or null, expected " + expected);
        }
    }
}
