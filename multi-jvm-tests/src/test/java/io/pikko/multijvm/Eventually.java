package io.pikko.multijvm;

import java.time.Duration;

/** Retries an assertion until it holds, for what the cluster reaches in its own time (membership, failover). */
final class Eventually {
    private Eventually() {}

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    /** Runs {@code check} until it passes; after {@code timeout} its last failure is thrown. */
    static void within(Duration timeout, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("still failing after " + timeout + ": " + e.getMessage(), e);
                }
            }
            Thread.sleep(250);
        }
    }
}
