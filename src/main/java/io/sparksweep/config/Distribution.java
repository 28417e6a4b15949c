package io.sparksweep.config;

import java.util.List;
import java.util.Random;

/**
 * What a random search draws one training field from, read and validated: every value it can
 * draw is a valid value of its field.
 *
 * @param <T> the field's type
 */
sealed interface Distribution<T>
        permits Distribution.LogUniform, Distribution.Uniform, Distribution.IntRange, Distribution.Choice {

    /** The distributions a config can name, with their config names. */
    enum Kind {
        /** {@code {"loguniform": [a, b]}}. */
        LOGUNIFORM("loguniform"),
        /** {@code {"uniform": [a, b]}}. */
        UNIFORM("uniform"),
        /** {@code {"intRange": [a, b]}}. */
        INT_RANGE("intRange"),
        /** {@code {"choice": [v1, v2, ...]}}. */
        CHOICE("choice");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The config name. */
        String id() {
            return id;
        }

        /** The kind named {@code id} in a config, or null. */
        static Kind withId(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** One value drawn from {@code random}; the calls made on it are part of the sweep's reproducibility. */
    FieldValue<T> draw(Random random);

    /** The kind of this distribution, as a config names it. */
    default Kind kind() {
        if (this instanceof LogUniform) {
            return Kind.LOGUNIFORM;
        }
        if (this instanceof Uniform) {
            return Kind.UNIFORM;
        }
        return this instanceof IntRange ? Kind.INT_RANGE : Kind.CHOICE;
    }

    /**
     * Log-uniform on {@code [low, high]}, {@code 0 < low < high}, rounded to 4 significant digits:
     * {@code exp(ln low + (ln high - ln low) u)} for one {@code u = random.nextDouble()}.
     */
    record LogUniform<T>(TrainingField<T> field, double low, double high) implements Distribution<T> {
        @Override
        public FieldValue<T> draw(Random random) {
            double lo = Math.log(low);
            double hi = Math.log(high);
            return field.ofNumber(RandomSearch.round(Math.exp(lo + (hi - lo) * random.nextDouble())));
        }
    }

    /** Uniform on {@code [low, high]}, rounded to 4 significant digits, from one {@code random.nextDouble()}. */
    record Uniform<T>(TrainingField<T> field, double low, double high) implements Distribution<T> {
        @Override
        public FieldValue<T> draw(Random random) {
            return field.ofNumber(RandomSearch.round(low + (high - low) * random.nextDouble()));
        }
    }

    /** Integers from {@code low} to {@code high}, both included, from one {@code random.nextDouble()}. */
    record IntRange<T>(TrainingField<T> field, long low, long high) implements Distribution<T> {
        @Override
        public FieldValue<T> draw(Random random) {
            long drawn = low + (long) Math.floor(random.nextDouble() * (high - low + 1));
            return field.ofNumber(drawn);
        }
    }

    /** One of {@code values}, each as likely, from one {@code random.nextInt(values.size())}. */
    record Choice<T>(List<FieldValue<T>> values) implements Distribution<T> {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public FieldValue<T> draw(Random random) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
