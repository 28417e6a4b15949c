package io.sparksweep.cli;

import io.sparksweep.config.ConfigLoader;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ids a user types for the constants of an enum ({@code val_accuracy}, {@code markdown}), for picocli:
 * as a converter ({@code @Option(converter = ...)}) it turns an id into its constant, and rejects anything
 * else with the choices and the nearest id; as completion candidates ({@code ${COMPLETION-CANDIDATES}} in
 * the option's help) it lists the ids. Subclasses name the enum with a no-argument constructor, as picocli
 * instantiates them.
 *
 * @param <E> the enum
 */
abstract class EnumIds<E extends Enum<E>> implements ITypeConverter<E>, Iterable<String> {
    private final String what;
    private final Map<String, E> byId = new LinkedHashMap<>();

    /**
     * @param what   what a constant is, for the error message ("metric")
     * @param values the constants, in the order the help lists them
     * @param id     the id a user types for a constant
     */
    EnumIds(String what, E[] values, Function<E, String> id) {
        this.what = what;
        for (E e : values) {
            byId.put(id.apply(e), e);
        }
    }

    /** The constant whose id is {@code value}; a picocli conversion error naming the choices otherwise. */
    @Override
    public E convert(String value) {
        E e = byId.get(value);
        if (e == null) {
            List<String> ids = List.copyOf(byId.keySet());
            throw new TypeConversionException("'" + value + "' is not a " + what + ", expected one of "
                    + String.join(", ", ids) + ConfigLoader.suggest(value, ids));
        }
        return e;
    }

    /** The ids, in declaration order. */
    @Override
    public Iterator<String> iterator() {
        return byId.keySet().iterator();
    }
}
