package io.pikko.actors.replication;

import io.pikko.protocol.CborSerializable;
import io.pikko.storage.BinlogPosition;
import io.pikko.storage.ExportChunk;
import java.util.List;

/**
 * One page of a full sync: chunks of the slot as the master's snapshot holds it, and the binlog
 * position of that snapshot, from which the replica reads on once {@code done}.
 */
public record SnapshotPage(int slot, long syncId, BinlogPosition position, List<ExportChunk> chunks, boolean done)
        implements CborSerializable {
    public SnapshotPage {
        chunks = List.copyOf(chunks);
    }
}
