package io.pikko.actors.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pikko.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The pacer lets a batch go once the last one's share of a second has passed, at the limits in force now. */
class PacerTest {
    private final ManualClock clock = new ManualClock(0);
    private final AtomicReference<MigrationLimits> limits =
            new AtomicReference<>(MigrationLimits.defaults().withRates(100, 0));
    private final Pacer pacer = new Pacer(limits, clock);

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    @Test
    void withoutLimitsNothingWaits() {
        limits.set(MigrationLimits.defaults());
        pacer.sent(1_000_000, 1L << 30);
        assertEquals(0, pacer.waitNanos());
    }

    @Test
    void aBatchWaitsForThePreviousOnesShareOfASecondInSlices() {
        assertEquals(0, pacer.waitNanos(), "the first batch goes at once");
        pacer.sent(50, 0);
        assertEquals(millis(Pacer.SLICE_NANOS), millis(pacer.waitNanos()), "50 keys at 100/s is 500 ms, waited a slice at a time");
        clock.advance(Duration.ofMillis(400));
        assertEquals(100, millis(pacer.waitNanos()));
        clock.advance(Duration.ofMillis(100));
        assertEquals(0, pacer.waitNanos());
    }

    @Test
    void theSlowerOfKeysAndBytesSetsThePace() {
        limits.set(MigrationLimits.defaults().withRates(1000, 1000));
        pacer.sent(10, 100);
        clock.advance(Duration.ofMillis(50));
        assertEquals(50, millis(pacer.waitNanos()), "100 bytes at 1000 B/s is 100 ms; 10 keys only 10 ms");
    }

    @Test
    void aRaisedLimitAppliesToTheNextBatch() {
        pacer.sent(50, 0);
        limits.set(MigrationLimits.defaults().withRates(1000, 0));
        clock.advance(Duration.ofMillis(50));
        assertEquals(0, pacer.waitNanos());
    }
}
