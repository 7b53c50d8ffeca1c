package io.pikko.actors.replication;

import io.pikko.protocol.CborSerializable;
import io.pikko.storage.BinlogRecord;
import java.util.List;

/**
 * A master's answer to a replica's read of a slot's binlog: the records after the replica's
 * position (none when nothing new came within the read's wait), the master's newest sequence and
 * the time of its oldest record the replica lacks (for lag), or {@code fullSync} when the
 * replica's position is not in the master's log.
 */
public record BinlogPage(int slot, List<BinlogRecord> records, long masterSeq, long masterEpoch, boolean fullSync)
        implements CborSerializable {
    public BinlogPage {
        records = List.copyOf(records);
    }

    public static BinlogPage fullSyncNeeded(int slot, long masterSeq, long masterEpoch) {
        return new BinlogPage(slot, List.of(), masterSeq, masterEpoch, true);
    }
}
