package io.pikko.commands.script;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers printed as C's {@code %.<digits>g} prints them, which is how Redis's Lua turns numbers into strings. */
final class LuaNumbers {
    private LuaNumbers() {}

    /** Lua 5.1's {@code tostring}: "%.14g". */
    static String toLuaString(double d) {
        return format(d, 14);
    }

    static String format(double d, int digits) {
        if (Double.isNaN(d)) {
            return d != d ? "nan" : "-nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal trimmed = rounded.stripTrailingZeros();
        if (exponent >= -4 && exponent < digits) {
            return trimmed.toPlainString();
        }
        String mantissa = trimmed.unscaledValue().abs().toString();
        StringBuilder s = new StringBuilder(24);
        if (d < 0) {
            s.append('-');
        }
        s.append(mantissa.charAt(0));
        if (mantissa.length() > 1) {
            s.append('.').append(mantissa, 1, mantissa.length());
        }
        s.append(exponent < 0 ? "e-" : "e+");
        if (Math.abs(exponent) < 10) {
            s.append('0');
        }
        return s.append(Math.abs(exponent)).toString();
    }
}
