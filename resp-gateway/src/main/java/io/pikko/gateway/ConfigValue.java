package io.pikko.gateway;

import io.pikko.protocol.Args;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The kind of value a setting takes, as Redis 7.0's config.c checks it: what is wrong with a
 * value (in Redis's words, null when it is fine) and how CONFIG GET shows an accepted one.
 */
interface ConfigValue {
    String problem(String value);

    /** The accepted value as CONFIG GET shows it: memory values in bytes, names in lower case. */
    String shown(String value);

    ConfigValue TEXT = of(value -> null, value -> value);

    ConfigValue BOOL = of(
            value -> List.of("yes", "no").contains(value.toLowerCase(Locale.ROOT)) ? null : "argument must be 'yes' or 'no'",
            value -> value.toLowerCase(Locale.ROOT));

    static ConfigValue of(Function<String, String> problem, Function<String, String> shown) {
        return new ConfigValue() {
            @Override
            public String problem(String value) {
                return problem.apply(value);
            }

            @Override
            public String shown(String value) {
                return shown.apply(value);
            }
        };
    }

    static ConfigValue integer(long min, long max) {
        return of(value -> {
            OptionalLong n = Args.parseLong(value.getBytes(StandardCharsets.UTF_8));
            if (n.isEmpty()) {
                return "argument couldn't be parsed into an integer";
            }
            return inRange(n.getAsLong(), min, max);
        }, value -> Long.toString(Args.parseLong(value.getBytes(StandardCharsets.UTF_8)).getAsLong()));
    }

    /** A number of bytes with an optional unit; as in Redis, an empty value is 0. */
    static ConfigValue memory(long min, long max) {
        return of(value -> {
            OptionalLong n = value.isEmpty() ? OptionalLong.of(0) : ConfigCommand.memoryValue(value);
            if (n.isEmpty()) {
                return "argument must be a memory value";
            }
            return inRange(n.getAsLong(), min, max);
        }, value -> value.isEmpty() ? "0" : Long.toString(ConfigCommand.memoryValue(value).getAsLong()));
    }

    static ConfigValue oneOf(String... names) {
        List<String> allowed = List.of(names);
        return of(value -> allowed.contains(value.toLowerCase(Locale.ROOT)) ? null
                        : "argument(s) must be one of the following: " + String.join(", ", allowed),
                value -> value.toLowerCase(Locale.ROOT));
    }

    private static String inRange(long n, long min, long max) {
        return n >= min && n <= max ? null : "argument must be between " + min + " and " + max + " inclusive";
    }
}
