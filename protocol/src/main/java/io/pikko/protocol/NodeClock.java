package io.pikko.protocol;

/**
 * Where Pikko reads the time: the wall clock for expiry and for what it reports, a monotonic
 * counter for timeouts and rates. Code takes a clock rather than calling {@code System}, so that a
 * test or a simulation can drive time by hand.
 */
public interface NodeClock {
    /** Milliseconds since the epoch (expiry times, TIME, timestamps). */
    long millis();

    /** A monotonic count of nanoseconds, for durations only (never compare it across nodes). */
    long nanos();

    NodeClock SYSTEM = new NodeClock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }
    };
}
