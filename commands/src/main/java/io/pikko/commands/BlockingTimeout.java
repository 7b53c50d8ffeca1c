package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Reply;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The timeout of a blocking command, in seconds with a fraction, read as Redis 7.0 reads it: as a
 * C long double (wider than a Java double), rounded up to whole milliseconds (so 0.0001 waits 1 ms,
 * and -0.0001 rounds to 0, for ever), and a count of milliseconds beyond 64 bits turns negative,
 * as C's conversion does on the machines Redis runs on.
 *
 * @param millis how long to wait; 0 for ever
 * @param error  the error to answer, or null
 */
record BlockingTimeout(long millis, Reply error) {
    private static final Reply NOT_A_FLOAT = Reply.error("ERR timeout is not a float or out of range");
    private static final Reply NEGATIVE = Reply.error("ERR timeout is negative");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    /** Decimal exponents a long double holds; beyond them strtold reports a range error. */
    private static final int MAX_EXPONENT = 4932;
    private static final int MIN_EXPONENT = -4951;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    static BlockingTimeout parse(byte[] arg) {
        String text = Args.text(arg);
        BigDecimal seconds;
        if (DECIMAL.matcher(text).matches()) {
            seconds = longDouble(text);
            if (seconds == null) {
                return new BlockingTimeout(0, NOT_A_FLOAT);
            }
        } else {
            // Hexadecimal and infinite values, which Args reads as strtod does.
            OptionalDouble value = Args.parseDouble(arg);
            if (value.isEmpty()) {
                return new BlockingTimeout(0, NOT_A_FLOAT);
            }
            if (Double.isInfinite(value.getAsDouble())) {
                return new BlockingTimeout(0, NEGATIVE);
            }
            seconds = new BigDecimal(value.getAsDouble());
        }
        BigDecimal millis = seconds.multiply(THOUSAND).setScale(0, RoundingMode.CEILING);
        if (millis.signum() < 0 || millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return new BlockingTimeout(0, NEGATIVE);
        }
        return new BlockingTimeout(millis.longValueExact(), null);
    }

    /** A decimal number, or null when a long double cannot hold it. */
    private static BigDecimal longDouble(String text) {
        try {
            BigDecimal value = new BigDecimal(text);
            int exponent = value.precision() - value.scale() - 1;
            boolean inRange = value.signum() == 0 || (exponent <= MAX_EXPONENT && exponent >= MIN_EXPONENT);
            return inRange ? value : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
