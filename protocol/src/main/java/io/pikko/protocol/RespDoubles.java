package io.pikko.protocol;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prints doubles in replies character for character as Redis 7.0's addReplyDouble does. (INCRBYFLOAT
 * results are strings computed in the slot entity, by ExtendedDecimal.)
 */
public final class RespDoubles {

    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

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
}
