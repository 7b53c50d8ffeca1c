package io.pikko.actors.command;

import io.pikko.actors.Reply;
import java.util.OptionalDouble;

/**
 * The timeout of a blocking command, in seconds with a fraction, read as Redis 7.0 reads it: the
 * milliseconds are truncated (so 0.0001 means 0, for ever), and a value too large for a 64-bit
 * count of milliseconds turns negative, as C's conversion does on the machines Redis runs on.
 *
 * @param millis how long to wait; 0 for ever
 * @param error  the error to answer, or null
 */
record BlockingTimeout(long millis, Reply error) {
    private static final Reply NOT_A_FLOAT = Reply.error("ERR timeout is not a float or out of range");
    private static final Reply NEGATIVE = Reply.error("ERR timeout is negative");

    static BlockingTimeout parse(byte[] arg) {
        OptionalDouble seconds = Args.parseDouble(arg);
        if (seconds.isEmpty()) {
            return new BlockingTimeout(0, NOT_A_FLOAT);
        }
        double millis = seconds.getAsDouble() * 1000.0;
        long truncated = Math.abs(millis) >= 0x1p63 ? Long.MIN_VALUE : (long) millis;
        return truncated < 0 ? new BlockingTimeout(0, NEGATIVE) : new BlockingTimeout(truncated, null);
    }
}
