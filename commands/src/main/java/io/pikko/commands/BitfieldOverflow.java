package io.pikko.commands;

/**
 * BITFIELD's overflow arithmetic: whether {@code value + increment} fits a field of {@code bits}
 * bits, and what to store when it does not (wrapped around, or saturated at the limit). The checks
 * follow Redis's checkSignedBitfieldOverflow and checkUnsignedBitfieldOverflow step by step,
 * wrapping 64-bit arithmetic included, so that even out-of-range SET values give Redis's result.
 */
final class BitfieldOverflow {
    /** The value to store, and whether the operation overflowed (which FAIL refuses). */
    record Result(long value, boolean overflowed) {}

    private BitfieldOverflow() {}

    /** An unsigned field of 1 to 63 bits; {@code value} is read as an unsigned 64-bit number. */
    static Result unsigned(long value, long increment, int bits, boolean saturate) {
        long max = (1L << bits) - 1;
        long maxIncrement = max - value;
        long minIncrement = -value;
        if (Long.compareUnsigned(value, max) > 0 || (increment > 0 && increment > maxIncrement)) {
            return new Result(saturate ? max : (value + increment) & max, true);
        }
        if (increment < 0 && increment < minIncrement) {
            return new Result(saturate ? 0 : (value + increment) & max, true);
        }
        return new Result(value + increment, false);
    }

    /** A two's-complement field of 1 to 64 bits. */
    static Result signed(long value, long increment, int bits, boolean saturate) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncrement = max - value;
        long minIncrement = min - value;
        if (value > max || (bits != 64 && increment > maxIncrement)
                || (value >= 0 && increment > 0 && increment > maxIncrement)) {
            return new Result(saturate ? max : wrap(value + increment, bits), true);
        }
        if (value < min || (bits != 64 && increment < minIncrement)
                || (value < 0 && increment < 0 && increment < minIncrement)) {
            return new Result(saturate ? min : wrap(value + increment, bits), true);
        }
        return new Result(value + increment, false);
    }

    /** The low {@code bits} bits of a sum, sign-extended. */
    private static long wrap(long sum, int bits) {
        if (bits == 64) {
            return sum;
        }
        long mask = -1L << bits;
        return (sum & (1L << (bits - 1))) != 0 ? sum | mask : sum & ~mask;
    }
}
