package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Reply;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A score interval as ZRANGEBYSCORE, ZCOUNT and ZREMRANGEBYSCORE take it: each end a number, "inf"
 * or "-inf", made exclusive by a leading '('.
 */
record ZSetScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
    static final Reply NOT_A_FLOAT = Reply.error("ERR min or max is not a float");

    /** What C's strtod reads whole, after leading white space; NaN is refused afterwards. */
    private static final Pattern STRTOD = Pattern.compile(
            "[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?"
                    + "|0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?"
                    + "|(?i:inf|infinity))");

    /** The range, or null when an end is not a number (Redis's zslParseRange). */
    static ZSetScoreRange parse(byte[] min, byte[] max) {
        Double low = bound(min);
        Double high = bound(max);
        if (low == null || high == null) {
            return null;
        }
        return new ZSetScoreRange(low, exclusive(min), high, exclusive(max));
    }

    private static boolean exclusive(byte[] arg) {
        return arg.length > 0 && arg[0] == '(';
    }

    /**
     * One end, read as Redis reads it with strtod: leading white space is skipped, nothing may
     * follow the number, and an empty text is 0.
     */
    private static Double bound(byte[] arg) {
        String text = Args.text(arg).substring(exclusive(arg) ? 1 : 0);
        if (text.isEmpty()) {
            return 0.0;
        }
        int start = 0;
        while (start < text.length() && " \t\n\u000B\f\r".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        String number = text.substring(start);
        if (!STRTOD.matcher(number).matches()) {
            return null;
        }
        String lower = number.toLowerCase(Locale.ROOT);
        if (lower.contains("inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        boolean hexWithoutExponent = lower.contains("x") && !lower.contains("p");
        return Double.parseDouble(hexWithoutExponent ? number + "p0" : number);
    }

    /** Whether no score can be in the range. */
    boolean isEmpty() {
        return min > max || (min == max && (minExclusive || maxExclusive));
    }

    boolean aboveMin(double score) {
        return minExclusive ? score > min : score >= min;
    }

    boolean belowMax(double score) {
        return maxExclusive ? score < max : score <= max;
    }
}
