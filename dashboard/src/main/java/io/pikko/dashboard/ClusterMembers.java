package io.pikko.dashboard;

import io.pikko.sharding.NodeRoles;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;

/** The cluster's membership as the sentinel needs it: is a node (by RESP address) down, and downing it. */
final class ClusterMembers {
    private ClusterMembers() {}

    /** What the failure detector says: {@code node} is not an up member, or it is unreachable. */
    static boolean seenDown(ActorSystem<?> system, String node) {
        ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
        Optional<Member> member = member(state, node);
        return member.isEmpty() || member.get().status() != MemberStatus.up() || state.getUnreachable().contains(member.get());
    }

    /** Downs {@code node}, so its shards are handed to their new masters now, not after the split brain resolver's wait. */
    static void down(ActorSystem<?> system, String node) {
        member(Cluster.get(system).state(), node).ifPresent(m -> Cluster.get(system).manager().tell(new Down(m.address())));
    }

    private static Optional<Member> member(ClusterEvent.CurrentClusterState state, String node) {
        for (Member member : state.getMembers()) {
            if (NodeRoles.respAddress(member).filter(node::equals).isPresent()) {
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }
}
