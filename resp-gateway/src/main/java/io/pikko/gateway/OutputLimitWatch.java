package io.pikko.gateway;

/**
 * Applies client-output-buffer-limit to one client, as Redis's checkClientOutputBufferLimits does:
 * over the hard limit at once, or over the soft limit continuously for longer than its seconds.
 * Used only on the connection's event loop.
 */
final class OutputLimitWatch {
    /** When the client went over the soft limit and has stayed over since; -1 while it is under. */
    private long overSoftSinceMillis = -1;

    /** Whether a client with {@code usedBytes} of pending output must be closed now. */
    boolean exceeded(OutputBufferLimits.Limit limit, long usedBytes, long nowMillis) {
        boolean hard = limit.hardBytes() > 0 && usedBytes >= limit.hardBytes();
        if (limit.softBytes() == 0 || usedBytes < limit.softBytes()) {
            overSoftSinceMillis = -1;
            return hard;
        }
        if (overSoftSinceMillis < 0) {
            overSoftSinceMillis = nowMillis;
        }
        return hard || nowMillis - overSoftSinceMillis > limit.softSeconds() * 1000;
    }
}
