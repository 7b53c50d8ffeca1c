package io.pikko.commands;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * C's strtod as glibc implements it, for the places where Redis reads a double with it: SORT's
 * weights, and the scores that listpacks, ziplists and old payloads keep as text. It reads the
 * longest number at the start of the text (after white space): decimal or hexadecimal,
 * "inf"/"infinity" or "nan", and reports how much it consumed and whether the value was out of
 * range (ERANGE: overflow, or an inexact result below the normal range).
 */
final class RdbStrtod {

    /** The value, the bytes consumed (0 when there was no number) and whether errno would be ERANGE. */
    record Result(double value, int consumed, boolean rangeError) {}

    private RdbStrtod() {}

    static Result parse(byte[] s, int length) {
        int i = 0;
        while (i < length && isSpace(s[i])) {
            i++;
        }
        int start = i;
        if (i < length && (s[i] == '+' || s[i] == '-')) {
            i++;
        }
        boolean negative = start < length && s[start] == '-';
        int word = matchWord(s, i, length);
        if (word > 0) {
            boolean nan = lower(s[i]) == 'n';
            double value = nan ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return new Result(value, i + word, false);
        }
        if (i + 1 < length && s[i] == '0' && lower(s[i + 1]) == 'x') {
            Result hex = hexadecimal(s, start, i + 2, length);
            if (hex != null) {
                return hex;
            }
        }
        return decimal(s, start, i, length);
    }

    /** The length of "inf", "infinity", "nan" or "nan(chars)" at {@code i}, or 0. */
    private static int matchWord(byte[] s, int i, int length) {
        if (startsWith(s, i, length, "infinity")) {
            return 8;
        }
        if (startsWith(s, i, length, "inf")) {
            return 3;
        }
        if (!startsWith(s, i, length, "nan")) {
            return 0;
        }
        int j = i + 3;
        if (j < length && s[j] == '(') {
            int k = j + 1;
            while (k < length && (isDigit(s[k]) || (lower(s[k]) >= 'a' && lower(s[k]) <= 'z') || s[k] == '_')) {
                k++;
            }
            if (k < length && s[k] == ')') {
                return k + 1 - i;
            }
        }
        return 3;
    }

    private static Result decimal(byte[] s, int start, int i, int length) {
        int digits = 0;
        boolean nonZero = false;
        while (i < length && isDigit(s[i])) {
            nonZero |= s[i] != '0';
            digits++;
            i++;
        }
        if (i < length && s[i] == '.') {
            i++;
            while (i < length && isDigit(s[i])) {
                nonZero |= s[i] != '0';
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            return new Result(0, 0, false);
        }
        i = exponent(s, i, length, 'e');
        String text = new String(s, start, i - start, StandardCharsets.US_ASCII);
        double value = Double.parseDouble(text);
        return new Result(value, i, outOfRange(value, nonZero, text));
    }

    /** A hexadecimal float after "0x", or null when no hex digit follows (then only the "0" counts). */
    private static Result hexadecimal(byte[] s, int start, int i, int length) {
        int digits = 0;
        boolean nonZero = false;
        StringBuilder mantissa = new StringBuilder();
        while (i < length && Character.digit(s[i], 16) >= 0) {
            nonZero |= s[i] != '0';
            mantissa.append((char) s[i++]);
            digits++;
        }
        if (i < length && s[i] == '.') {
            mantissa.append('.');
            i++;
            while (i < length && Character.digit(s[i], 16) >= 0) {
                nonZero |= s[i] != '0';
                mantissa.append((char) s[i++]);
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        int exponentStart = i;
        i = exponent(s, i, length, 'p');
        String exponent = i > exponentStart ? new String(s, exponentStart, i - exponentStart, StandardCharsets.US_ASCII) : "p0";
        String sign = s[start] == '-' ? "-" : "";
        double value = Double.parseDouble(sign + "0x" + mantissa + exponent);
        boolean rangeError = Double.isInfinite(value) || (value == 0 && nonZero);
        return new Result(value, i, rangeError);
    }

    /** Past an exponent ("e-5", "p+3") at {@code i} when it has digits; else {@code i}. */
    private static int exponent(byte[] s, int i, int length, char marker) {
        if (i >= length || lower(s[i]) != marker) {
            return i;
        }
        int j = i + 1;
        if (j < length && (s[j] == '+' || s[j] == '-')) {
            j++;
        }
        if (j >= length || !isDigit(s[j])) {
            return i;
        }
        while (j < length && isDigit(s[j])) {
            j++;
        }
        return j;
    }

    /** glibc's ERANGE: an overflow, or a result below the normal range that is not exact. */
    private static boolean outOfRange(double value, boolean nonZero, String text) {
        if (Double.isInfinite(value)) {
            return true;
        }
        if (!nonZero || Math.abs(value) >= Double.MIN_NORMAL) {
            return false;
        }
        return value == 0 || new BigDecimal(value).compareTo(new BigDecimal(text)) != 0;
    }

    private static boolean startsWith(byte[] s, int i, int length, String word) {
        if (i + word.length() > length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (lower(s[i + k]) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(byte b) {
        return Character.toLowerCase((char) (b & 0xff));
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
