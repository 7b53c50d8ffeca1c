package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;

/** A running move's progress as its source last reported it; kept in memory, not journaled. */
public record ActionProgress(long keysMoved, long keysLeft, long bytesMoved, double keysPerSecond) implements CborSerializable {
    /** Seconds until the snapshot's keys are all sent at the current rate, or -1 when unknown. */
    public long etaSeconds() {
        return keysPerSecond > 0 ? (long) Math.ceil(keysLeft / keysPerSecond) : -1;
    }
}
