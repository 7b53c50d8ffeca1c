package io.pikko.actors.command;

import io.pikko.storage.SlotBatch;

/**
 * What a command sees while it runs on its slot's entity: the client's database and the slot's
 * batch, whose writes are committed together after the command returns.
 */
public record SlotContext(int db, int databases, SlotBatch batch) {
    public long now() {
        return batch.now();
    }
}
