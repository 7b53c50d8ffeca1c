package io.pikko.commands;

import io.pikko.storage.SlotBatch;

/**
 * What a command sees while it runs on its slot's entity: the client's database, the slot's batch,
 * whose writes are committed together after the command returns, and where scans in the slot stopped.
 */
public record SlotContext(int db, int databases, SlotBatch batch, ScanCursors scanCursors) {
    public long now() {
        return batch.now();
    }
}
