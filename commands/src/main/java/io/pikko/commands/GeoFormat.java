package io.pikko.commands;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers printed as Redis prints geo replies. BigDecimal of a double is its exact binary value,
 * and HALF_EVEN is what glibc's printf does with it, so these match C's output digit for digit.
 */
final class GeoFormat {
    private GeoFormat() {}

    /** A distance with four decimals (fixedpoint_d2string: llrint of the value times 10^4). */
    static String distance(double value) {
        long scaled = (long) Math.rint(value * 10000.0);
        String sign = scaled < 0 ? "-" : "";
        long magnitude = Math.abs(scaled);
        return sign + magnitude / 10000 + "." + String.format("%04d", magnitude % 10000);
    }

    /** A coordinate as {@code "%.17Lf"} with trailing zeros removed (ld2string's human mode). */
    static String coordinate(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        text = text.substring(0, end);
        return text.equals("-0") ? "0" : text;
    }

    /** C's {@code "%f"}: six decimals, as in the invalid-coordinates error. */
    static String sixDecimals(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        // BigDecimal has no negative zero; printf keeps the sign of a negative value rounding to 0.
        return Math.copySign(1.0, value) < 0 && !text.startsWith("-") ? "-" + text : text;
    }
}
