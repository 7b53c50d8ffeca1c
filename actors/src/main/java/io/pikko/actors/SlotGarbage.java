package io.pikko.actors;

import io.pikko.storage.SlotKeyspace;

/**
 * A slot's garbage: the member records of collections deleted or replaced (DEL of a big hash is one
 * write; its fields go later), reclaimed a bounded step at a time so that commands queued meanwhile
 * run between steps. Owned by the slot's entity.
 */
final class SlotGarbage {
    private final SlotKeyspace keyspace;

    SlotGarbage(SlotKeyspace keyspace) {
        this.keyspace = keyspace;
    }

    /**
     * Reclaims what {@code budget} records examined find; whether garbage is left for another step.
     * Throws {@link io.pikko.storage.StorageException} when the step fails.
     */
    boolean step(int budget) {
        if (!keyspace.hasGarbage()) {
            return false;
        }
        keyspace.sweepGarbage(budget);
        return keyspace.hasGarbage();
    }
}
