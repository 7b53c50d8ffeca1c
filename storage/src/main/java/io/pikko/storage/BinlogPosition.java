package io.pikko.storage;

/** Where a slot's log stands: the sequence and epoch of its newest record (0, 0 for an empty log). */
public record BinlogPosition(long seq, long epoch) {
    public static final BinlogPosition NONE = new BinlogPosition(0, 0);
}
