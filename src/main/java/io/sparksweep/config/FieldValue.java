package io.sparksweep.config;

/**
 * One value of a training field, read and validated: typed for the trainer, and as written in
 * the config for tables and messages.
 *
 * @param field   the training field
 * @param value   the typed value
 * @param written the value as written (String, Integer, Long, Double, Boolean, List or Map), as
 *                {@link Trial#varied()} shows it
 * @param <T>     the field's type
 */
record FieldValue<T>(TrainingField<T> field, T value, Object written) {

    /** Compact JSON of the value as written, as a message shows it. */
    String json() {
        return Values.json(written);
    }
}
