package io.pikko.testing;

import java.time.Duration;

/**
 * Waits for what a system reaches in its own time (membership, failover, a counter catching up)
 * by asking again every 100 ms, instead of sleeping for a guessed while.
 */
public final class Eventually {
    private static final long POLL_MILLIS = 100;

    private Eventually() {}

    /** An assertion that may fail for a while; any exception or assertion error counts as not yet. */
    @FunctionalInterface
    public interface Assertion {
        void check() throws Exception;
    }

    /** A condition that may be false for a while. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Runs {@code assertion} until it passes; after {@code timeout} its last failure is thrown. */
    public static void await(Duration timeout, Assertion assertion) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                assertion.check();
                return;
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("still failing after " + timeout + ": " + e.getMessage(), e);
                }
            }
            pause();
        }
    }

    /** Waits until {@code condition} holds; after {@code timeout} fails saying what was awaited. */
    public static void await(Duration timeout, String what, Condition condition) {
        await(timeout, () -> {
            if (!condition.holds()) {
                throw new AssertionError("not yet: " + what);
            }
        });
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
