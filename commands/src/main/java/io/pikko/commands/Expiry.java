package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import java.util.OptionalLong;

/** An absolute expiry time in epoch milliseconds, parsed from EX/PX/EXAT/PXAT as Redis does. */
record Expiry(long at) {

    /** Either an expiry or the error to reply with. */
    record Parsed(Expiry expiry, Reply error) {}

    static Parsed parse(String unit, byte[] arg, long now, String command) {
        OptionalLong value = Args.parseLong(arg);
        if (value.isEmpty()) {
            return new Parsed(null, Errors.NOT_INTEGER);
        }
        long v = value.getAsLong();
        if (v <= 0) {
            return new Parsed(null, Errors.invalidExpire(command));
        }
        Long at = switch (unit) {
            case "EX" -> relative(v, 1000, now);
            case "PX" -> relative(v, 1, now);
            case "EXAT" -> v > Long.MAX_VALUE / 1000 ? null : v * 1000;
            default -> v;
        };
        return at == null ? new Parsed(null, Errors.invalidExpire(command)) : new Parsed(new Expiry(at), null);
    }

    /** now + amount × unit, or null when that overflows (Redis refuses such a time). */
    static Long relative(long amount, long unitMillis, long now) {
        if (amount > Long.MAX_VALUE / unitMillis || amount < Long.MIN_VALUE / unitMillis) {
            return null;
        }
        long millis = amount * unitMillis;
        if (millis > 0 && millis > Long.MAX_VALUE - now) {
            return null;
        }
        return now + millis;
    }
}
