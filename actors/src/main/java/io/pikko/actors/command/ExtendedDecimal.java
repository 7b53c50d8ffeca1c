package io.pikko.actors.command;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * INCRBYFLOAT arithmetic as Redis does it in C's 80-bit {@code long double}: values are rounded to
 * a 64-bit significand after parsing and after adding, and printed with {@code %.17Lf} minus
 * trailing zeros. Emulated exactly with BigDecimal so replies match Redis digit for digit.
 */
public final class ExtendedDecimal {
    private static final int SIGNIFICAND_BITS = 64;
    // Largest finite x87 extended value is about 1.19e4932; anything past it is infinity.
    private static final BigDecimal MAX = new BigDecimal("1.18973149535723176502e4932");

    private ExtendedDecimal() {}

    /** Parses as strtold would, rounded to extended precision; empty for text Redis refuses. */
    public static Optional<BigDecimal> parse(byte[] text) {
        String s = Args.text(text);
        if (s.isEmpty() || s.length() > 5 * 1024 || Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1)) || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return Optional.empty();
        }
        try {
            return Optional.of(round(new BigDecimal(s)));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The sum, rounded as the FPU rounds; empty when it overflows to infinity. */
    public static Optional<BigDecimal> add(BigDecimal a, BigDecimal b) {
        BigDecimal sum = round(a.add(b));
        return sum.abs().compareTo(MAX) > 0 ? Optional.empty() : Optional.of(sum);
    }

    public static boolean isInfinite(BigDecimal value) {
        return value.abs().compareTo(MAX) > 0;
    }

    /** {@code %.17Lf}, then trailing zeros and a bare point removed, and "-0" printed as "0". */
    public static String format(BigDecimal value) {
        String s = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s.equals("-0") ? "0" : s;
    }

    /** Rounds to the nearest value with a 64-bit binary significand, ties to even. */
    static BigDecimal round(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal abs = value.abs();
        BigInteger num;
        BigInteger den;
        if (abs.scale() > 0) {
            num = abs.unscaledValue();
            den = BigInteger.TEN.pow(abs.scale());
        } else {
            num = abs.unscaledValue().multiply(BigInteger.TEN.pow(-abs.scale()));
            den = BigInteger.ONE;
        }
        int e = num.bitLength() - den.bitLength();
        if (compareWithPowerOfTwo(num, den, e) < 0) {
            e--;
        }
        int shift = SIGNIFICAND_BITS - 1 - e;
        BigInteger scaledNum = shift >= 0 ? num.shiftLeft(shift) : num;
        BigInteger scaledDen = shift >= 0 ? den : den.shiftLeft(-shift);
        BigInteger[] qr = scaledNum.divideAndRemainder(scaledDen);
        BigInteger m = qr[0];
        int cmp = qr[1].shiftLeft(1).compareTo(scaledDen);
        if (cmp > 0 || (cmp == 0 && m.testBit(0))) {
            m = m.add(BigInteger.ONE);
        }
        BigDecimal result = new BigDecimal(m);
        result = shift >= 0
                ? result.divide(new BigDecimal(BigInteger.ONE.shiftLeft(shift)))
                : result.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(-shift)));
        return value.signum() < 0 ? result.negate() : result;
    }

    private static int compareWithPowerOfTwo(BigInteger num, BigInteger den, int e) {
        return e >= 0 ? num.compareTo(den.shiftLeft(e)) : num.shiftLeft(-e).compareTo(den);
    }
}
