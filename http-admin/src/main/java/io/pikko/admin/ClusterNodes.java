package io.pikko.admin;

import io.pikko.admin.ApiViews.MemberView;
import io.pikko.sharding.NodeRoles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** The cluster's members as this node sees them, each with its RESP and admin addresses (from its roles). */
final class ClusterNodes {
    static final String UNREACHABLE = "unreachable";

    private final Cluster cluster;

    ClusterNodes(ActorSystem<?> system) {
        this.cluster = Cluster.get(system);
    }

    List<MemberView> members() {
        CurrentClusterState state = cluster.state();
        Set<Member> unreachable = state.getUnreachable();
        List<Member> members = new ArrayList<>();
        state.getMembers().forEach(members::add);
        Optional<Member> dashboard = oldestUp(members);
        Member self = cluster.selfMember();
        return members.stream().map(m -> new MemberView(
                NodeRoles.respAddress(m).orElse(null), NodeRoles.adminAddress(m).orElse(null), m.address().toString(),
                m.getRoles().stream().sorted().toList(),
                unreachable.contains(m) ? UNREACHABLE : m.status().toString().toLowerCase(Locale.ROOT),
                dashboard.map(m::equals).orElse(false), m.address().equals(self.address()))).toList();
    }

    /**
     * The RESP addresses of the members that are up and reachable: the servers that can serve now,
     * as the nodes' topology view counts them.
     */
    Set<String> liveServers() {
        CurrentClusterState state = cluster.state();
        Set<String> live = new HashSet<>();
        state.getMembers().forEach(m -> {
            if (m.status().equals(MemberStatus.up()) && !state.getUnreachable().contains(m)) {
                NodeRoles.respAddress(m).ifPresent(live::add);
            }
        });
        return live;
    }

    /** The cluster singleton, and so the dashboard, runs on the oldest member that is up. */
    private static Optional<Member> oldestUp(List<Member> members) {
        return members.stream().filter(m -> m.status().equals(MemberStatus.up()))
                .reduce((a, b) -> a.isOlderThan(b) ? a : b);
    }
}
