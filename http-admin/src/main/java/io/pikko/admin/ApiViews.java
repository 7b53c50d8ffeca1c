package io.pikko.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.pikko.admin.ActionViews.SlotActionView;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.Failover;
import io.pikko.dashboard.Group;
import io.pikko.dashboard.ServerPosition;
import io.pikko.dashboard.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The JSON the admin API answers with, one record per resource. */
final class ApiViews {
    private ApiViews() {}

    /**
     * A cluster member. {@code resp} and {@code admin} come from its {@code resp:} and {@code admin:}
     * roles (null when it carries none); {@code status} is "unreachable" or its member status, such
     * as "up"; {@code dashboard} tells whether the dashboard singleton runs on it (the oldest member).
     */
    record MemberView(String resp, String admin, String cluster, List<String> roles, String status,
                      boolean dashboard, boolean self) {}

    /**
     * A node's own figures, as {@code GET /api/node} reports them: its rates over the last second
     * ({@code p99Seconds} is null when it answered no command in it) and its memory and disk.
     */
    record NodeReport(String resp, long commandsProcessed, double opsPerSec, Double p99Seconds, long clients,
                      NodeFootprint footprint) {}

    /** {@code /api/access}: whether changes need the admin token, and (on POST) that the one sent is right. */
    record Access(boolean tokenRequired, boolean authorized) {}

    /** A member with its figures; they are null when its node could not be asked. */
    record NodeView(@JsonUnwrapped MemberView member, Double opsPerSec, Double p99Seconds, Long clients,
                    NodeFootprint footprint) {}

    /** {@code GET /api/node/slots}: the commands per second this node sent to each slot over the last second. */
    record NodeSlotOps(String resp, double[] opsPerSec) {}

    /**
     * {@code GET /api/slots/load}, indexed by slot: the keys of each slot (null when it did not
     * answer), and the commands per second sent to it by all the nodes that answered
     * ({@code nodesCounted} of {@code nodes}).
     */
    record SlotLoadView(List<Long> keys, double[] opsPerSec, int nodes, int nodesCounted) {}

    /**
     * A group: its servers (master first), its master, the epoch (which grows whenever the master
     * changes), its slot count, and each server's role and state in {@code members}.
     */
    /** {@code lastFailover}: when and how its master was last replaced (absent if never). */
    record GroupView(int id, List<String> servers, String master, long epoch, String mode, int slots, List<ServerView> members,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Failover lastFailover) {
        /**
         * @param live the RESP addresses of the cluster's members that are up and reachable now
         * @param positions what the sentinel's last probes found each server holding (none for a
         *                  group of one, which nobody probes)
         */
        static GroupView of(Topology topology, Group group, Set<String> live, Map<String, ServerPosition> positions) {
            List<ServerView> members = new ArrayList<>(group.servers().size());
            for (int i = 0; i < group.servers().size(); i++) {
                String node = group.servers().get(i);
                Optional<ServerPosition> position = Optional.ofNullable(positions.get(node));
                members.add(new ServerView(node, i == 0 ? ServerView.MASTER : ServerView.REPLICA,
                        live.contains(node) ? ServerView.UP : ServerView.DOWN,
                        position.map(ServerPosition::applied).orElse(null), position.map(ServerPosition::lag).orElse(null)));
            }
            return new GroupView(group.id(), group.servers(), group.master().orElse(null), group.epoch(), group.mode(),
                    topology.slotCount(group.id()), members, group.lastFailover());
        }

        static List<GroupView> all(Topology topology, Set<String> live, Map<String, ServerPosition> positions) {
            return topology.groupsById().values().stream().map(g -> of(topology, g, live, positions)).toList();
        }
    }

    /**
     * One server of a group: {@code role} "master" (the group's first) or "replica"; {@code state}
     * "up" when a cluster member with this RESP address is up and reachable, else "down" (not
     * joined, unreachable, leaving). {@code applied}: the sum over the group's slots of the binlog
     * position the server holds (the newest record, for the master; the last applied one, for a
     * replica); {@code lag}: the records of those slots a replica lacks against its master; both as
     * of the sentinel's last probes, and absent when the server never answered one.
     */
    record ServerView(String node, String role, String state,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Long applied,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Long lag) {
        static final String MASTER = "master";
        static final String REPLICA = "replica";
        static final String UP = "up";
        static final String DOWN = "down";
    }

    /** A group with the keys its slots hold; null when some of its slots did not answer in time. */
    record GroupLoad(@JsonUnwrapped GroupView group, Long keys) {}

    /** A slot, its group (null when it has none) and its migration action (null when it has none). */
    record SlotView(int id, Integer group, SlotActionView action) {
        static List<SlotView> all(Topology topology, Dashboard.ActionsView actions) {
            Map<Integer, SlotActionView> moving = new HashMap<>();
            actions.actions().forEach(action -> moving.put(action.slot(), SlotActionView.of(action)));
            int[] groups = topology.slotGroups();
            List<SlotView> slots = new ArrayList<>(groups.length);
            for (int slot = 0; slot < groups.length; slot++) {
                slots.add(new SlotView(slot, groups[slot] == Topology.NO_GROUP ? null : groups[slot], moving.get(slot)));
            }
            return slots;
        }
    }

    /** The whole cluster; {@code actions} counts the slot actions in each state, such as {@code {"pending": 3}}. */
    record Overview(List<NodeView> nodes, List<GroupLoad> groups, int unassignedSlots, Map<String, Integer> actions,
                    double opsPerSec, long revision) {}
}
