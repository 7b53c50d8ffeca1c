package io.pikko.actors.replication;

import io.pikko.protocol.CborSerializable;
import io.pikko.storage.BinlogPosition;

/**
 * One page of a full sync: the slot's records exactly as the master's snapshot holds them
 * (encoded as puts, see {@code SlotCopy}), and the binlog position of that snapshot, from which
 * the replica reads on once {@code done}.
 */
public record SnapshotPage(int slot, long syncId, BinlogPosition position, byte[] records, boolean done)
        implements CborSerializable {}
