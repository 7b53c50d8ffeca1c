package io.pikko.actors;

import io.pikko.protocol.SlotHash;
import java.time.Duration;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Visits the slots in turn, a few per tick, asking each to reclaim the member records of
 * collections that were deleted or replaced. A slot with nothing to reclaim ignores the visit.
 * Only the slots whose data this node keeps are visited: each node cleans its own store.
 */
public final class GarbageCollector {
    private enum Tick { INSTANCE }

    /** Stops the loop; sent when the node shuts down, so no new work reaches slots being handed off. */
    public enum Stop { INSTANCE }

    private GarbageCollector() {}

    public static Behavior<Object> create(ActorRef<ShardingEnvelope<SlotEntity.Command>> slots, IntPredicate isLocal,
                                          Duration interval, int slotsPerTick, int budget) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
            int[] next = {0};
            return Behaviors.receive(Object.class)
                    .onMessageEquals(Tick.INSTANCE, () -> {
                        for (int i = 0; i < slotsPerTick; i++) {
                            if (isLocal.test(next[0])) {
                                slots.tell(SlotEntity.envelope(next[0], new SlotEntity.SweepGarbage(budget)));
                            }
                            next[0] = (next[0] + 1) % SlotHash.SLOTS;
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                    .build();
        });
    }
}
