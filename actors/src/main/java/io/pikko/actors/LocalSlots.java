package io.pikko.actors;

import io.pikko.protocol.SlotHash;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The slot entities running on this node, by slot, so that a connection of this node reaches a
 * local slot without the shard region's and the shard's actor hops. An entity enters when it
 * starts and leaves when it stops. A request that reaches an entity after it stopped becomes a
 * dead letter, which the gateway sends again through the shard region; a request is never lost
 * for having taken the short way.
 */
public final class LocalSlots {
    private final AtomicReferenceArray<ActorRef<SlotEntity.Command>> entities = new AtomicReferenceArray<>(SlotHash.SLOTS);

    /** The entity serving {@code slot} on this node, or null. */
    public ActorRef<SlotEntity.Command> entity(int slot) {
        return entities.get(slot);
    }

    void started(int slot, ActorRef<SlotEntity.Command> entity) {
        entities.set(slot, entity);
    }

    /** Leaves the entry alone when a newer entity of the slot took it already. */
    void stopped(int slot, ActorRef<SlotEntity.Command> entity) {
        entities.compareAndSet(slot, entity, null);
    }
}
