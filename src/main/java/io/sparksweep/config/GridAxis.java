package io.sparksweep.config;

import java.util.List;

/**
 * One field of a {@code grid} with its list of values, read and validated, in config order (as
 * Spark MLlib's {@code ParamGridBuilder.addGrid(param, values)}).
 *
 * @param field  the training field
 * @param values its values, at least one
 * @param <T>    the field's type
 */
record GridAxis<T>(TrainingField<T> field, List<FieldValue<T>> values) {
    GridAxis {
        values = List.copyOf(values);
    }
}
