package io.pikko.sharding;

import io.pikko.actors.SlotEntity;
import io.pikko.storage.DueExpiration;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Active expiry: reads the expire index for keys whose time has come and tells each key's slot
 * entity, which deletes those that really expired. Deleting through the entity keeps a concurrent
 * SET of the same key from being lost. Runs on the storage dispatcher since it reads RocksDB.
 */
public final class ExpirySweeper {
    private enum Tick { INSTANCE }

    /** Stops the loop; sent when the node shuts down, so no new work reaches slots being handed off. */
    public enum Stop { INSTANCE }

    private ExpirySweeper() {}

    public static Behavior<Object> create(PikkoStore store, ActorRef<ShardingEnvelope<SlotEntity.Command>> slots,
                                          Duration interval, int maxPerTick) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
            return Behaviors.receive(Object.class)
                    .onMessageEquals(Tick.INSTANCE, () -> {
                        sweep(store, slots, maxPerTick);
                        return Behaviors.same();
                    })
                    .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                    .build();
        });
    }

    private static void sweep(PikkoStore store, ActorRef<ShardingEnvelope<SlotEntity.Command>> slots, int maxPerTick) {
        List<DueExpiration> due;
        try {
            due = store.dueExpirations(System.currentTimeMillis(), maxPerTick);
        } catch (StorageException e) {
            return;
        }
        Map<Integer, List<DueExpiration>> bySlot = new HashMap<>();
        for (DueExpiration entry : due) {
            bySlot.computeIfAbsent(entry.slot(), s -> new ArrayList<>()).add(entry);
        }
        bySlot.forEach((slot, entries) -> slots.tell(SlotSharding.envelope(slot, new SlotEntity.ExpireDue(entries))));
    }
}
