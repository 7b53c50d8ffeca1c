package io.pikko.testing;

import io.pikko.protocol.NodeClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so; both readings advance together. */
public final class ManualClock implements NodeClock {
    private final AtomicLong millis;
    private final AtomicLong nanos = new AtomicLong();

    public ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    public void advance(Duration by) {
        millis.addAndGet(by.toMillis());
        nanos.addAndGet(by.toNanos());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public long nanos() {
        return nanos.get();
    }
}
