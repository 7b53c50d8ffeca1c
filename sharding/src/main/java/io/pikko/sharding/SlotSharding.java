package io.pikko.sharding;

import io.pikko.actors.LocalSlots;
import io.pikko.actors.replication.ReplicationBoard;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.KeyspaceEvents;
import io.pikko.protocol.NodeClock;
import io.pikko.storage.PikkoStore;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Slots as cluster-sharding entities: 1 slot = 1 shard = 1 entity, never passivated, each placed
 * on its group's master.
 */
public final class SlotSharding {
    public static final EntityTypeKey<SlotEntity.Command> TYPE_KEY =
            EntityTypeKey.create(SlotEntity.Command.class, "slot");

    /** The dispatcher slot entities run on, sized for blocking RocksDB calls. */
    public static final String STORAGE_DISPATCHER = "pikko.storage-dispatcher";

    private SlotSharding() {}

    /**
     * Starts this node's shard region; the coordinator places slots by {@code placement}. The
     * entities that start here are listed in {@code localSlots} and report their keyspace events
     * to {@code events}, where their replicas stand to {@code board}.
     */
    public static ActorRef<ShardingEnvelope<SlotEntity.Command>> init(ActorSystem<?> system, PikkoStore store, int databases,
                                                                      SlotPlacement placement, LocalSlots localSlots,
                                                                      KeyspaceEvents events, ReplicationBoard board) {
        return ClusterSharding.get(system).init(
                Entity.of(TYPE_KEY, context -> SlotEntity.create(Integer.parseInt(context.getEntityId()), store, databases,
                                NodeClock.SYSTEM, localSlots, events, board))
                        .withMessageExtractor(new SlotShardExtractor())
                        .withAllocationStrategy(new SlotAllocationStrategy(system, placement))
                        .withEntityProps(DispatcherSelector.fromConfig(STORAGE_DISPATCHER)));
    }
}
