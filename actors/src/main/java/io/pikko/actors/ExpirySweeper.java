package io.pikko.actors;

import io.pikko.protocol.NodeClock;
import io.pikko.storage.DueExpiration;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Active expiry: reads the expire index for keys whose time has come and tells each key's slot
 * entity, which deletes those that really expired. Deleting through the entity keeps a concurrent
 * SET of the same key from being lost. Runs on the storage dispatcher since it reads RocksDB.
 * Entries of slots this node does not keep are left alone: they would reach another node's entity.
 */
public final class ExpirySweeper {
    private enum Tick { INSTANCE }

    /** Stops the loop; sent when the node shuts down, so no new work reaches slots being handed off. */
    public enum Stop { INSTANCE }

    /** Turns sweeping off or on again (DEBUG SET-ACTIVE-EXPIRE); expired keys still go when read. */
    public record SetActive(boolean active) {}

    private ExpirySweeper() {}

    /** {@code clock} tells which entries are due. */
    public static Behavior<Object> create(PikkoStore store, ActorRef<ShardingEnvelope<SlotEntity.Command>> slots,
                                          IntPredicate isLocal, Duration interval, int maxPerTick, NodeClock clock) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
            return sweeping(true, store, slots, isLocal, maxPerTick, clock);
        });
    }

    private static Behavior<Object> sweeping(boolean active, PikkoStore store,
                                             ActorRef<ShardingEnvelope<SlotEntity.Command>> slots, IntPredicate isLocal,
                                             int maxPerTick, NodeClock clock) {
        return Behaviors.receive(Object.class)
                .onMessageEquals(Tick.INSTANCE, () -> {
                    if (active) {
                        sweep(store, slots, isLocal, maxPerTick, clock.millis());
                    }
                    return Behaviors.same();
                })
                .onMessage(SetActive.class, set -> sweeping(set.active(), store, slots, isLocal, maxPerTick, clock))
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    private static void sweep(PikkoStore store, ActorRef<ShardingEnvelope<SlotEntity.Command>> slots, IntPredicate isLocal,
                              int maxPerTick, long nowMillis) {
        List<DueExpiration> due;
        try {
            due = store.dueExpirations(nowMillis, maxPerTick);
        } catch (StorageException e) {
            return;
        }
        Map<Integer, List<DueExpiration>> bySlot = new HashMap<>();
        for (DueExpiration entry : due) {
            if (!isLocal.test(entry.slot())) {
                continue;
            }
            bySlot.computeIfAbsent(entry.slot(), s -> new ArrayList<>()).add(entry);
        }
        bySlot.forEach((slot, entries) -> slots.tell(SlotEntity.envelope(slot, new SlotEntity.ExpireDue(entries))));
    }
}
