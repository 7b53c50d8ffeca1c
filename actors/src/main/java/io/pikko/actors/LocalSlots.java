package io.pikko.actors;

import io.pikko.protocol.SlotHash;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The slot entities running on this node, by slot, so that a connection of this node reaches a
 * local slot without the shard region's and the shard's actor hops. An entity enters when it
 * starts and leaves when it stops. A request that reaches an entity after it stopped becomes a
 * dead letter, which the gateway sends again through the shard region; a request is never lost
 * for having taken the short way. Beside them, the slots' replicas on this node, which answer
 * reads while the node is a replica of a standalone master ({@code SLAVEOF}).
 */
public final class LocalSlots {
    private final AtomicReferenceArray<ActorRef<SlotEntity.Command>> entities = new AtomicReferenceArray<>(SlotHash.SLOTS);
    private final AtomicReferenceArray<ActorRef<SlotEntity.Command>> replicas = new AtomicReferenceArray<>(SlotHash.SLOTS);

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

    /** The replica of {@code slot} on this node that answers reads, or null. */
    public ActorRef<SlotEntity.Command> replica(int slot) {
        return replicas.get(slot);
    }

    /** Whether any slot entity runs on this node. */
    public boolean anyEntity() {
        return running(entities) > 0;
    }

    /** Whether any slot's replica runs on this node. */
    public boolean anyReplica() {
        return running(replicas) > 0;
    }

    /** Whether every slot's replica runs on this node. */
    public boolean everyReplica() {
        return running(replicas) == SlotHash.SLOTS;
    }

    public void replicaStarted(int slot, ActorRef<SlotEntity.Command> replica) {
        replicas.set(slot, replica);
    }

    public void replicaStopped(int slot, ActorRef<SlotEntity.Command> replica) {
        replicas.compareAndSet(slot, replica, null);
    }

    private static int running(AtomicReferenceArray<ActorRef<SlotEntity.Command>> refs) {
        int running = 0;
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            if (refs.get(slot) != null) {
                running++;
            }
        }
        return running;
    }
}
