package io.pikko.commands;

import io.pikko.protocol.Reply;
import java.util.Arrays;

/**
 * A member interval as ZRANGEBYLEX, ZLEXCOUNT and ZREMRANGEBYLEX take it: "[a" (inclusive), "(a"
 * (exclusive), "-" (before every member) or "+" (after every member).
 */
record ZSetLexRange(Bound min, Bound max) {
    static final Reply NOT_A_RANGE = Reply.error("ERR min or max not valid string range item");

    /** One end: the smallest or largest string possible, or a member, inclusive or not. */
    record Bound(int infinity, byte[] member, boolean exclusive) {
        static final Bound MINUS = new Bound(-1, null, true);
        static final Bound PLUS = new Bound(1, null, true);

        /** Orders a member against this bound, as Redis's sdscmplex does. */
        int compareMember(byte[] value) {
            return infinity != 0 ? -infinity : Arrays.compareUnsigned(value, member);
        }
    }

    /** The range, or null when an end is not a valid item (Redis's zslParseLexRange). */
    static ZSetLexRange parse(byte[] min, byte[] max) {
        Bound low = bound(min);
        Bound high = bound(max);
        return low == null || high == null ? null : new ZSetLexRange(low, high);
    }

    private static Bound bound(byte[] arg) {
        if (arg.length == 0) {
            return null;
        }
        return switch (arg[0]) {
            case '+' -> arg.length == 1 ? Bound.PLUS : null;
            case '-' -> arg.length == 1 ? Bound.MINUS : null;
            case '(' -> new Bound(0, Arrays.copyOfRange(arg, 1, arg.length), true);
            case '[' -> new Bound(0, Arrays.copyOfRange(arg, 1, arg.length), false);
            default -> null;
        };
    }

    /** Whether no member can be in the range. */
    boolean isEmpty() {
        int cmp = compareBounds();
        return cmp > 0 || (cmp == 0 && (min.exclusive() || max.exclusive()));
    }

    private int compareBounds() {
        if (min.infinity() != 0 || max.infinity() != 0) {
            // sdscmplex treats the same shared object as equal, "-" as below and "+" as above all.
            if (min.infinity() == max.infinity()) {
                return 0;
            }
            return min.infinity() == -1 || max.infinity() == 1 ? -1 : 1;
        }
        return Arrays.compareUnsigned(min.member(), max.member());
    }

    boolean aboveMin(byte[] member) {
        int cmp = min.compareMember(member);
        return min.exclusive() ? cmp > 0 : cmp >= 0;
    }

    boolean belowMax(byte[] member) {
        int cmp = max.compareMember(member);
        return max.exclusive() ? cmp < 0 : cmp <= 0;
    }
}
