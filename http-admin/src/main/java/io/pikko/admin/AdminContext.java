package io.pikko.admin;

import io.pikko.actors.SlotEntity;
import io.pikko.actors.replication.Followers;
import io.pikko.actors.replication.ReplicationBoard;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.SlotAssigner;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Everything the cluster admin API works with, handed over by the node in one piece.
 *
 * @param dashboard   the dashboard singleton's proxy; every change goes there
 * @param slots       the slot shard region, asked for key counts
 * @param token       the bearer token mutating calls must carry; empty means no auth
 * @param respAddress this node's RESP address, host:port, the name the topology knows it by
 * @param figures     this node's own counters, read whenever the API reports them
 * @param footprint   this node's memory and disk, read whenever the API reports them
 * @param replication where this node's slots' replicas and its own followers stand
 * @param followers   this node's followers, asked for the digest of a slot's copy
 */
public record AdminContext(ActorSystem<?> system, ActorRef<Dashboard.Command> dashboard, SlotAssigner slotAssigner,
                           ActorRef<ShardingEnvelope<SlotEntity.Command>> slots, String token, String respAddress,
                           Supplier<NodeFigures> figures, Supplier<NodeFootprint> footprint,
                           ReplicationBoard replication, ActorRef<Followers.Command> followers) {}
