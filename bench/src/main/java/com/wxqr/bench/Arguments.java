package com.wxqr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A bench main's {@code --name=value} arguments over its defaults: every name a main knows has a default,
 * and an argument with another name, or not of that form, is refused with the known names and their
 * defaults.
 */
public final class Arguments {

    private final Map<String, String> values;

    private Arguments(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param defaults every name the main knows, with its default value
     * @throws IllegalArgumentException for an unknown name or an argument not of the form {@code --name=value}
     */
    public static Arguments parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new TreeMap<>(defaults);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0 || !values.containsKey(arg.substring(2, eq))) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known, with their defaults: "
                        + new TreeMap<>(defaults)
                                .entrySet().stream()
                                        .map(d -> "--" + d.getKey() + "=" + d.getValue())
                                        .collect(Collectors.joining(" ")));
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return new Arguments(values);
    }

    /** The value given, or the default. */
    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no argument --" + name + " is known");
        }
        return value;
    }

    /** @throws IllegalArgumentException when the value is not a whole number of at least {@code min}, naming it */
    public int number(String name, int min) {
        return number(name, get(name), min);
    }

    /** A comma-separated list of whole numbers, each at least {@code min}. */
    public List<Integer> numbers(String name, int min) {
        List<Integer> numbers = new ArrayList<>();
        for (String value : get(name).split(",")) {
            numbers.add(number(name, value.strip(), min));
        }
        return List.copyOf(numbers);
    }

    private static int number(String name, String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'", e);
        }
        if (n < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", not " + n);
        }
        return n;
    }
}
