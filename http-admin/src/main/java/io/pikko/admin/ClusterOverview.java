package io.pikko.admin;

import io.pikko.admin.ApiViews.GroupLoad;
import io.pikko.admin.ApiViews.GroupView;
import io.pikko.admin.ApiViews.MemberView;
import io.pikko.admin.ApiViews.NodeReport;
import io.pikko.admin.ApiViews.NodeView;
import io.pikko.admin.ApiViews.Overview;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.ServerPosition;
import io.pikko.dashboard.Topology;
import io.pikko.protocol.SlotHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The whole cluster on one page: its members with each node's own figures (fetched from the
 * peers' admin endpoints), its groups with their slots and keys, and the cluster's ops/s.
 */
final class ClusterOverview {
    private final ClusterNodes nodes;
    private final PeerFigures peers;
    private final SlotKeyCounts slotKeys;
    private final Supplier<NodeReport> self;

    ClusterOverview(ClusterNodes nodes, PeerFigures peers, SlotKeyCounts slotKeys, Supplier<NodeReport> self) {
        this.nodes = nodes;
        this.peers = peers;
        this.slotKeys = slotKeys;
        this.self = self;
    }

    /**
     * @param actions   the dashboard's slot actions, counted by state
     * @param positions each group server's position and lag at the sentinel's last probes
     */
    CompletableFuture<Overview> of(Topology topology, Dashboard.ActionsView actions, Map<String, ServerPosition> positions) {
        List<MemberView> members = nodes.members();
        List<CompletableFuture<Optional<NodeReport>>> reports = members.stream()
                .map(member -> peers.of(member, "/api/node", NodeReport.class, self)).toList();
        CompletableFuture<Map<Integer, Long>> keys = slotKeys.perSlot();
        return CompletableFuture.allOf(reports.toArray(new CompletableFuture<?>[0])).thenCombine(keys, (done, perSlot) -> {
            List<NodeView> views = new ArrayList<>();
            double opsPerSec = 0;
            for (int i = 0; i < members.size(); i++) {
                Optional<NodeReport> report = reports.get(i).join();
                views.add(new NodeView(members.get(i), report.map(NodeReport::opsPerSec).orElse(null),
                        report.map(NodeReport::p99Seconds).orElse(null), report.map(NodeReport::clients).orElse(null),
                        report.map(NodeReport::footprint).orElse(null)));
                opsPerSec += report.map(NodeReport::opsPerSec).orElse(0.0);
            }
            List<GroupLoad> groups = GroupView.all(topology, nodes.liveServers(), positions).stream()
                    .map(group -> new GroupLoad(group, keysOf(topology, group.id(), perSlot))).toList();
            return new Overview(views, groups, topology.slotCount(Topology.NO_GROUP), ActionViews.countByState(actions),
                    opsPerSec, topology.revision());
        });
    }

    /** The group's keys, or null when one of its slots did not answer. */
    private static Long keysOf(Topology topology, int group, Map<Integer, Long> perSlot) {
        long total = 0;
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            if (topology.groupOf(slot) == group) {
                Long keys = perSlot.get(slot);
                if (keys == null) {
                    return null;
                }
                total += keys;
            }
        }
        return total;
    }
}
