package io.pikko.commands;

import io.pikko.protocol.Args;


import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * INCRBYFLOAT arithmetic as Redis does it in C's 80-bit {@code long double}: values are rounded to
 * a 64-bit significand after parsing and after adding, and printed with {@code %.17Lf} minus
 * trailing zeros. Emulated exactly with BigDecimal so replies match Redis digit for digit.
 */
public final class ExtendedDecimal {
    private static final int SIGNIFICAND_BITS = 64;
    /** Redis's MAX_LONG_DOUBLE_CHARS: string2ld refuses text this long or longer. */
    private static final int MAX_CHARS = 5 * 1024;
    /** 2^16384: an x87 extended value rounded to this or past it is infinity. */
    private static final BigDecimal OVERFLOW = new BigDecimal(BigInteger.ONE.shiftLeft(16384));
    private static final int MAX_BINARY_EXPONENT = 16384;
    /** Half the smallest subnormal, 2^-16446: anything not above it rounds to zero. */
    private static final int UNDERFLOW_BINARY_EXPONENT = -16446;
    private static final BigDecimal UNDERFLOW = new BigDecimal(BigInteger.valueOf(5).pow(16446), 16446);

    private static final Pattern DECIMAL = Pattern.compile("([+-]?)(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d+))?");
    private static final Pattern HEX = Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]*)(?:\\.([0-9a-fA-F]*))?(?:[pP]([+-]?\\d+))?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");

    private ExtendedDecimal() {}

    /**
     * A finite number as Redis's string2ld reads it (strtold, whole text, no leading space,
     * decimal or hexadecimal), rounded to extended precision. Empty for text Redis refuses, for
     * values that overflow or underflow to zero, and for infinities ({@link #isInfinity}).
     */
    public static Optional<BigDecimal> parse(byte[] text) {
        if (text.length == 0 || text.length >= MAX_CHARS) {
            return Optional.empty();
        }
        String s = Args.text(text);
        Matcher hex = HEX.matcher(s);
        if (hex.matches()) {
            return parse(hex, 16);
        }
        Matcher decimal = DECIMAL.matcher(s);
        return decimal.matches() ? parse(decimal, 10) : Optional.empty();
    }

    /** Whether strtold reads the text as an infinity ("inf", "-Infinity"...), which Redis accepts. */
    public static boolean isInfinity(byte[] text) {
        return text.length < MAX_CHARS && INFINITY.matcher(Args.text(text)).matches();
    }

    /** The sum, rounded as the FPU rounds; empty when it overflows to infinity. */
    public static Optional<BigDecimal> add(BigDecimal a, BigDecimal b) {
        BigDecimal sum = round(a.add(b));
        return isInfinite(sum) ? Optional.empty() : Optional.of(sum);
    }

    public static boolean isInfinite(BigDecimal value) {
        return value.abs().compareTo(OVERFLOW) >= 0;
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

    /** Groups: sign, integer digits, fraction digits, exponent (of the radix 10, or of 2 for hex). */
    private static Optional<BigDecimal> parse(Matcher m, int radix) {
        String digits = m.group(2) + (m.group(3) == null ? "" : m.group(3));
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        BigInteger mantissa = new BigInteger(digits, radix);
        if (mantissa.signum() == 0) {
            return Optional.of(BigDecimal.ZERO);
        }
        int fractionDigits = m.group(3) == null ? 0 : m.group(3).length();
        // Exponents far beyond the range are clamped: they overflow or underflow all the same.
        long exponent = m.group(4) == null ? 0 : clampedExponent(m.group(4));
        BigDecimal exact;
        if (radix == 16) {
            long binaryExponent = exponent - 4L * fractionDigits;
            long magnitude = mantissa.bitLength() + binaryExponent;
            if (magnitude > MAX_BINARY_EXPONENT + 1 || magnitude < UNDERFLOW_BINARY_EXPONENT - 1) {
                return Optional.empty();
            }
            exact = binaryExponent >= 0
                    ? new BigDecimal(mantissa.shiftLeft((int) binaryExponent))
                    : new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow((int) -binaryExponent)), (int) -binaryExponent);
        } else {
            long decimalExponent = exponent - fractionDigits;
            long magnitude = mantissa.toString().length() + decimalExponent;
            // 2^16384 has 4933 digits and 2^-16446 is about 1.8e-4951.
            if (magnitude > 4934 || magnitude < -4952) {
                return Optional.empty();
            }
            exact = new BigDecimal(mantissa, (int) -decimalExponent);
        }
        if (exact.compareTo(UNDERFLOW) <= 0) {
            return Optional.empty();
        }
        BigDecimal rounded = round(m.group(1).equals("-") ? exact.negate() : exact);
        return isInfinite(rounded) ? Optional.empty() : Optional.of(rounded);
    }

    private static long clampedExponent(String text) {
        String digits = text.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        long value = digits.length() > 9 ? 1_000_000_000L : Long.parseLong(digits);
        return text.startsWith("-") ? -value : value;
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
