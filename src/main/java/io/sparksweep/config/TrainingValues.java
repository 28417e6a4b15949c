package io.sparksweep.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of every training field: the defaults, overridden by what a config gives under
 * {@code training}, then by one grid point and one search sample. Immutable.
 */
final class TrainingValues {
    private static final TrainingValues DEFAULTS = defaults();

    private final Map<TrainingField<?>, FieldValue<?>> values;

    private TrainingValues(Map<TrainingField<?>, FieldValue<?>> values) {
        this.values = values;
    }

    private static TrainingValues defaults() {
        Map<TrainingField<?>, FieldValue<?>> m = new HashMap<>();
        for (TrainingField<?> f : TrainingField.ALL) {
            m.put(f, f.defaultFieldValue());
        }
        return new TrainingValues(m);
    }

    /** Every field at its default ({@link TrainingField#defaultValue()}). */
    static TrainingValues ofDefaults() {
        return DEFAULTS;
    }

    /** These values with each of {@code given} in place of its field's value, later ones winning. */
    TrainingValues overriding(List<FieldValue<?>> given) {
        Map<TrainingField<?>, FieldValue<?>> m = new HashMap<>(values);
        for (FieldValue<?> v : given) {
            m.put(v.field(), v);
        }
        return new TrainingValues(m);
    }

    /** The value of {@code field}, as read. */
    @SuppressWarnings("unchecked") // a field is only ever mapped to a value of that field
    <T> FieldValue<T> value(TrainingField<T> field) {
        return (FieldValue<T>) values.get(field);
    }

    /** The typed value of {@code field}. */
    <T> T get(TrainingField<T> field) {
        return value(field).value();
    }
}
