package io.pikko.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Parses arguments the way Redis does, so the same input is accepted or refused alike. */
public final class Args {
    private Args() {}

    public static String text(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8);
    }

    /** Upper-cased, for matching option names. */
    public static String option(byte[] arg) {
        return text(arg).toUpperCase(Locale.ROOT);
    }

    /**
     * A 64-bit integer in Redis's strict form (string2ll): optional '-', no '+', no spaces,
     * no leading zeros, no overflow.
     */
    public static OptionalLong parseLong(byte[] s) {
        int len = s.length;
        if (len == 0 || len > 20) {
            return OptionalLong.empty();
        }
        if (len == 1 && s[0] == '0') {
            return OptionalLong.of(0);
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '-') {
            negative = true;
            i++;
            if (len == 1) {
                return OptionalLong.empty();
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return OptionalLong.empty();
        }
        long value = 0;
        for (; i < len; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return OptionalLong.empty();
            }
            // Accumulate negatively so Long.MIN_VALUE parses.
            if (value < (Long.MIN_VALUE + d) / 10) {
                return OptionalLong.empty();
            }
            value = value * 10 - d;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return OptionalLong.empty();
            }
            value = -value;
        }
        return OptionalLong.of(value);
    }

    // Compiled once: ZADD parses a score per member, and String.matches compiles its pattern each call.
    private static final Pattern HEX_PREFIX = Pattern.compile("[+-]?0x.*");
    private static final Pattern HEX_DOUBLE = Pattern.compile("[+-]?0x[0-9a-f]*\\.?[0-9a-f]*(p[+-]?[0-9]+)?");
    private static final Pattern DECIMAL_DOUBLE = Pattern.compile("[0-9.eE+-]+");

    /**
     * A double as Redis's strtod-based parsing accepts it: no spaces, no NaN; "inf", "+inf" and
     * "-inf" are allowed.
     */
    public static OptionalDouble parseDouble(byte[] s) {
        if (s.length == 0 || Character.isWhitespace(s[0]) || Character.isWhitespace(s[s.length - 1])) {
            return OptionalDouble.empty();
        }
        String t = text(s).toLowerCase(Locale.ROOT);
        switch (t) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return OptionalDouble.of(Double.POSITIVE_INFINITY);
            }
            case "-inf", "-infinity" -> {
                return OptionalDouble.of(Double.NEGATIVE_INFINITY);
            }
            default -> { }
        }
        boolean hex = HEX_PREFIX.matcher(t).matches();
        if (!(hex ? HEX_DOUBLE : DECIMAL_DOUBLE).matcher(t).matches()) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(hex && !t.contains("p") ? t + "p0" : t);
            // strtod reports overflow and underflow as ERANGE, which Redis refuses.
            boolean overflow = Double.isInfinite(d);
            boolean underflow = d == 0 && mantissaHasNonZeroDigit(t, hex);
            return Double.isNaN(d) || overflow || underflow ? OptionalDouble.empty() : OptionalDouble.of(d);
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static boolean mantissaHasNonZeroDigit(String t, boolean hex) {
        String mantissa = hex ? t.replaceFirst("^[+-]?0x", "").replaceFirst("p.*$", "") : t.replaceFirst("e.*$", "");
        return mantissa.chars().anyMatch(c -> c != '0' && c != '.' && c != '+' && c != '-');
    }

    public static boolean is(byte[] arg, String option) {
        return option.equalsIgnoreCase(text(arg));
    }
}
