package io.pikko.sharding;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.typed.Cluster;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Places each slot's shard on the master of the slot's group, and nowhere else. A slot whose master
 * is not an up, reachable member stays unplaced (the coordinator asks again later) rather than
 * landing on a node that does not hold its data. Rebalancing moves a shard whose placement no
 * longer matches the map, as after an operator assigns an empty slot to another group.
 */
public final class SlotAllocationStrategy extends ShardCoordinator.AbstractShardAllocationStrategy {
    /** At most this many shards start moving per rebalance round, so a big change comes in waves. */
    private static final int MAX_MOVES_PER_ROUND = 128;

    private final ActorSystem<?> system;
    private final SlotPlacement placement;

    public SlotAllocationStrategy(ActorSystem<?> system, SlotPlacement placement) {
        this.system = system;
        this.placement = placement;
    }

    /** The slot's master is not a live member with a shard region, so the slot is not placed now. */
    public static final class NoLiveMaster extends RuntimeException {
        NoLiveMaster(String shardId) {
            super("slot " + shardId + " has no live master", null, false, false);
        }
    }

    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> current) {
        int slot = Integer.parseInt(shardId);
        CompletionStage<ActorRef> region = placement.masters().thenApply(masters ->
                masters.of(slot).flatMap(master -> regionOf(master, current)).orElseThrow(() -> new NoLiveMaster(shardId)));
        return FutureConverters.asScala(region);
    }

    @Override
    public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
        CompletionStage<Set<String>> moves = placement.masters().handle((masters, failure) -> {
            Set<String> out = new HashSet<>();
            if (failure != null) {
                return out;
            }
            ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
            for (Map.Entry<ActorRef, IndexedSeq<String>> entry : current.entrySet()) {
                if (!isLive(memberAt(addressOf(entry.getKey()), state), state)) {
                    continue; // a dead region cannot hand its shards off
                }
                scala.collection.Iterator<String> shards = entry.getValue().iterator();
                while (shards.hasNext() && out.size() < MAX_MOVES_PER_ROUND) {
                    String shard = shards.next();
                    Optional<ActorRef> wanted = masters.of(Integer.parseInt(shard)).flatMap(m -> regionOf(m, current));
                    if (!inProgress.contains(shard) && wanted.isPresent() && !wanted.get().equals(entry.getKey())) {
                        out.add(shard);
                    }
                }
            }
            return out;
        });
        return FutureConverters.asScala(moves);
    }

    /** The shard region on the up, reachable member whose RESP address is {@code master}. */
    private Optional<ActorRef> regionOf(String master, Map<ActorRef, IndexedSeq<String>> current) {
        ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
        Optional<Member> member = members(state)
                .filter(m -> NodeRoles.respAddress(m).filter(master::equals).isPresent())
                .filter(m -> isLive(Optional.of(m), state))
                .findFirst();
        return member.flatMap(m -> current.keySet().stream().filter(r -> addressOf(r).equals(m.address())).findFirst());
    }

    private static boolean isLive(Optional<Member> member, ClusterEvent.CurrentClusterState state) {
        return member.isPresent() && member.get().status() == MemberStatus.up() && !state.getUnreachable().contains(member.get());
    }

    private static Optional<Member> memberAt(Address address, ClusterEvent.CurrentClusterState state) {
        return members(state).filter(m -> m.address().equals(address)).findFirst();
    }

    private static Stream<Member> members(ClusterEvent.CurrentClusterState state) {
        return StreamSupport.stream(state.getMembers().spliterator(), false);
    }

    private Address addressOf(ActorRef region) {
        Address address = region.path().address();
        return address.hasLocalScope() ? Cluster.get(system).selfMember().address() : address;
    }
}
