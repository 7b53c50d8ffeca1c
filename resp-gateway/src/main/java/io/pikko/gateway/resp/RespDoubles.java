package io.pikko.gateway.resp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prints floating point numbers character for character as Redis 7.0 does. Redis has two styles:
 * replies of scores and other doubles ({@code addReplyDouble}, printf "%.17g") and the results of
 * INCRBYFLOAT and HINCRBYFLOAT, which Redis computes in x87 80-bit long double and prints with
 * "%.17Lf" minus trailing zeros ({@code ld2string} in LD_STR_HUMAN mode).
 */
public final class RespDoubles {

    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);
    /** A long double has a 64-bit significand and exponents down to -16382, subnormals to 2^-16445. */
    private static final int LONG_DOUBLE_PRECISION = 64;
    private static final int LONG_DOUBLE_MIN_ULP_EXPONENT = -16445;
    private static final int LONG_DOUBLE_MAX_EXPONENT = 16383;
    private static final double LOG2_10 = Math.log(10) / Math.log(2);

    private RespDoubles() {}

    /**
     * A double as Redis 7.0's addReplyDouble prints it, for the RESP2 bulk string and the RESP3
     * {@code ,} type alike: "%.17g", so 0.1 is "0.10000000000000001" and 1e20 is "1e+20"; infinities
     * are "inf" and "-inf", NaN is "nan".
     */
    public static String format(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        // glibc rounds the exact binary value, ties to even.
        BigDecimal rounded = new BigDecimal(d).round(SEVENTEEN_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal trimmed = rounded.stripTrailingZeros();
        if (exponent >= -4 && exponent < 17) {
            return trimmed.toPlainString();
        }
        String digits = trimmed.unscaledValue().abs().toString();
        StringBuilder s = new StringBuilder(24);
        if (d < 0) {
            s.append('-');
        }
        s.append(digits.charAt(0));
        if (digits.length() > 1) {
            s.append('.').append(digits, 1, digits.length());
        }
        s.append(exponent < 0 ? "e-" : "e+");
        if (Math.abs(exponent) < 10) {
            s.append('0');
        }
        return s.append(Math.abs(exponent)).toString();
    }

    /**
     * An INCRBYFLOAT result held in a double, printed as Redis would print it: 10.5 + 0.1 is "10.6",
     * 5.0e3 is "5000", 1e20 is "100000000000000000000", never an exponent.
     *
     * <p>Redis's long double sum carries bits a double has lost, so this takes the shortest decimal
     * within one ulp of {@code d} (which undoes the double rounding of sums like 0.1 + 0.2), widens
     * it to long double and prints that. It matches Redis for most everyday operands but not all
     * (Redis prints 5200 + 0.1 as "5200.10000000000000009"); {@link #humanFriendlySum} is exact.
     */
    public static String humanFriendly(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return printHuman(toLongDouble(shortestNear(d)));
    }

    /**
     * Exactly what Redis 7.0 replies, and stores, for INCRBYFLOAT or HINCRBYFLOAT of {@code increment}
     * on {@code current}: both are rounded to long double as strtold does, added with long double
     * rounding, and the sum printed like {@link #humanFriendly(double)}.
     *
     * @throws ArithmeticException if an operand or the sum overflows a long double; Redis refuses
     *                             those ("value is not a valid float", "increment would produce NaN or Infinity")
     */
    public static String humanFriendlySum(BigDecimal current, BigDecimal increment) {
        return printHuman(toLongDouble(toLongDouble(current).add(toLongDouble(increment))));
    }

    /** The decimal with the fewest significant digits that parses to d or to a finite neighbour of d. */
    private static BigDecimal shortestNear(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            double back = candidate.doubleValue();
            if (back == d || (Double.isFinite(back) && (back == Math.nextUp(d) || back == Math.nextDown(d)))) {
                return candidate;
            }
        }
        // Seventeen significant digits always parse back to d itself.
        return exact.round(SEVENTEEN_DIGITS);
    }

    /** The long double nearest to v, ties to even, as strtold and x87 arithmetic round. */
    private static BigDecimal toLongDouble(BigDecimal v) {
        if (v.signum() == 0) {
            return v;
        }
        BigDecimal abs = v.abs();
        long decimalExponent = (long) abs.precision() - abs.scale() - 1;
        if (decimalExponent > 4933) {
            throw new ArithmeticException("long double overflow");
        }
        if (decimalExponent < -4952) {
            // Below half the smallest subnormal: rounds to zero (and avoids a huge power of two).
            return BigDecimal.ZERO;
        }
        // Find e with 2^e <= |v| < 2^(e+1), starting from the decimal exponent's estimate.
        int e = (int) Math.floor(decimalExponent * LOG2_10);
        while (powerOfTwo(e).compareTo(abs) > 0) {
            e--;
        }
        while (powerOfTwo(e + 1).compareTo(abs) <= 0) {
            e++;
        }
        if (e > LONG_DOUBLE_MAX_EXPONENT) {
            throw new ArithmeticException("long double overflow");
        }
        int ulpExponent = Math.max(e - (LONG_DOUBLE_PRECISION - 1), LONG_DOUBLE_MIN_ULP_EXPONENT);
        BigDecimal rounded = abs.multiply(powerOfTwo(-ulpExponent))
                .setScale(0, RoundingMode.HALF_EVEN)
                .multiply(powerOfTwo(ulpExponent));
        if (e == LONG_DOUBLE_MAX_EXPONENT && rounded.compareTo(powerOfTwo(e + 1)) >= 0) {
            throw new ArithmeticException("long double overflow");
        }
        return v.signum() < 0 ? rounded.negate() : rounded;
    }

    /** 2^n exactly; for negative n that is 5^-n / 10^-n. */
    private static BigDecimal powerOfTwo(int n) {
        return n >= 0
                ? new BigDecimal(BigInteger.ONE.shiftLeft(n))
                : new BigDecimal(BigInteger.valueOf(5).pow(-n), -n);
    }

    /** ld2string's LD_STR_HUMAN: "%.17Lf", trailing zeros and a bare '.' dropped, "-0" turned into "0". */
    private static String printHuman(BigDecimal longDouble) {
        BigDecimal rounded = longDouble.setScale(17, RoundingMode.HALF_EVEN);
        return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
    }
}
